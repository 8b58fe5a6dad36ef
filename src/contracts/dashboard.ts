import { z } from 'zod';

/** Home page figures for the signed-in user's scope. Later issues add centres, services, assessments, funds. */
export const ZDashboard = z.object({
  scopeName: z.string(),
  regionCount: z.number().int(),
  parkCount: z.number().int(),
  parksByLevel: z.object({ national: z.number().int(), provincial: z.number().int(), other: z.number().int() }),
  parksByCity: z.array(z.object({ cityCode: z.string(), cityName: z.string(), count: z.number().int() })),
  userCount: z.number().int().nullable(),
  auditEntriesToday: z.number().int().nullable(),
  /**
   * Art. 10(三) filings in scope, for those who may read them: agreements past their 15-working-day deadline (still
   * not reported, or reported late) and the engagements and changes of operator waiting for the caller's step.
   */
  filings: z
    .object({
      overdue: z.number().int(),
      awaitingMe: z.number().int(),
      filed: z.number().int(),
      /** Centres whose county must procure an operator again (Art. 10(三)): a failed year, a change, the period's end. */
      reprocurementDue: z.number().int(),
    })
    .nullable(),
  /** Service records in scope (Art. 5, 8), for those who may read the figures: open, waiting to be accepted,
   *  completed but unrated, and rectifications still to answer / past their deadline. */
  services: z
    .object({
      open: z.number().int(),
      submitted: z.number().int(),
      unrated: z.number().int(),
      openRectifications: z.number().int(),
      overdueRectifications: z.number().int(),
    })
    .nullable(),
  /** An enterprise's own requests: still open, and completed ones awaiting its rating. */
  myServices: z.object({ open: z.number().int(), toRate: z.number().int() }).nullable(),
});
export type TDashboard = z.infer<typeof ZDashboard>;
