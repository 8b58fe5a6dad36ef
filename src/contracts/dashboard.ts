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
});
export type TDashboard = z.infer<typeof ZDashboard>;
