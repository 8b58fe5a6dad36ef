import { z } from 'zod';
import { ZDay } from './common';

/**
 * The official calendar of working days (国务院办公厅 each year's 部分节假日安排): public holidays and 调休 make-up
 * working days. The platform knows a year from one of three sources, in this order: the arrangement an administrator
 * entered (with the notice it comes from), the arrangement built into the system (the chinese-days package), or
 * neither — then only Saturdays and Sundays are days off.
 */
export const CALENDAR_SOURCES = ['entered', 'builtIn', 'weekendsOnly'] as const;
export const ZCalendarSource = z.enum(CALENDAR_SOURCES);
export type TCalendarSource = z.infer<typeof ZCalendarSource>;

/** The years an administrator may enter: a sane window around today's arrangements. */
export const ZCalendarYear = z.coerce.number().int().min(2000).max(2100);

/** The State Council notice a year's arrangement comes from. */
export const ZCalendarNotice = z.object({
  /** e.g. 国务院办公厅关于2027年部分节假日安排的通知 */
  title: z.string().trim().min(4).max(200),
  /** document number, e.g. 国办发明电〔2026〕N号 */
  number: z.string().trim().min(2).max(100),
  /** the date the notice was issued */
  issuedOn: ZDay,
});
export type TCalendarNotice = z.infer<typeof ZCalendarNotice>;

/** Which source a year of a deadline's count came from. */
export const ZCalendarUse = z.object({
  year: z.number().int(),
  source: ZCalendarSource,
  notice: ZCalendarNotice.nullable(),
});
export type TCalendarUse = z.infer<typeof ZCalendarUse>;

/** A named holiday: consecutive days off, e.g. 春节 2027-02-05 … 2027-02-11. */
export const ZCalendarHoliday = z.object({
  name: z.string().trim().min(1).max(40),
  from: ZDay,
  to: ZDay,
});
export type TCalendarHoliday = z.infer<typeof ZCalendarHoliday>;

/** A 调休 make-up working day (usually a Saturday or Sunday), and the holiday it makes up for. */
export const ZCalendarWorkday = z.object({
  day: ZDay,
  name: z.string().trim().max(40).nullable().default(null),
});
export type TCalendarWorkday = z.infer<typeof ZCalendarWorkday>;

export const ZEnterCalendarYearRequest = z.object({
  notice: ZCalendarNotice,
  holidays: z.array(ZCalendarHoliday).min(1).max(40),
  workdays: z.array(ZCalendarWorkday).max(40),
  /** Required when the year was already entered: why the arrangement is replaced (it stays in the audit log). */
  replaceReason: z.string().trim().min(2).max(500).optional(),
  /** Whether the year is imported from an .ics file (kept for the record). */
  importedFrom: z.string().trim().max(200).optional(),
});
export type TEnterCalendarYearRequest = z.infer<typeof ZEnterCalendarYearRequest>;

/** One year in full: its holidays and make-up working days, and where they come from (entered: who, when, why). */
export const ZCalendarYearDetail = z.object({
  year: z.number().int(),
  source: ZCalendarSource,
  notice: ZCalendarNotice.nullable(),
  holidays: z.array(ZCalendarHoliday),
  workdays: z.array(ZCalendarWorkday),
  importedFrom: z.string().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
  replaceReason: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type TCalendarYearDetail = z.infer<typeof ZCalendarYearDetail>;

/** One year of the overview: where the platform takes its working days from. */
export const ZCalendarYearSummary = z.object({
  year: z.number().int(),
  source: ZCalendarSource,
  notice: ZCalendarNotice.nullable(),
  holidayDays: z.number().int(),
  workdays: z.number().int(),
  enteredAt: z.string().nullable(),
});
export type TCalendarYearSummary = z.infer<typeof ZCalendarYearSummary>;

export const ZCalendarOverview = z.object({
  items: z.array(ZCalendarYearSummary),
  /** Years the administrator should enter now: this year, and from December the next, when no source covers them. */
  missing: z.array(z.number().int()),
});
export type TCalendarOverview = z.infer<typeof ZCalendarOverview>;

export const ZEnterCalendarYearResponse = ZCalendarYearDetail.extend({
  /** Stored deadlines counted again on the new arrangement, and how they moved. */
  recomputed: z.array(
    z.object({
      kind: z.enum(['rectification', 'engagement']),
      id: z.number().int(),
      from: z.string(),
      to: z.string(),
    }),
  ),
});
export type TEnterCalendarYearResponse = z.infer<typeof ZEnterCalendarYearResponse>;

/** .ics import: the file's text (read by the browser) and the year it should hold. Nothing is stored. */
export const ZCalendarImportPreviewRequest = z.object({
  year: ZCalendarYear,
  ics: z.string().min(1).max(500_000),
});
export const ZCalendarImportPreview = z.object({
  year: z.number().int(),
  holidays: z.array(ZCalendarHoliday),
  workdays: z.array(ZCalendarWorkday),
  /** Events of the file that fall in the year but are neither a day off nor a working day (left out). */
  ignored: z.array(z.string()),
});
export type TCalendarImportPreview = z.infer<typeof ZCalendarImportPreview>;

export const ZCalendarYearParam = z.object({ year: ZCalendarYear });
