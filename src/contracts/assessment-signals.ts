import { z } from 'zod';

/*
 * 考核线索 (issue 14 "Fraud signals"; serving Art. 13(三) — 弄虚作假 — and Art. 14): patterns in a centre's records that
 * an evaluator or the province may want to look into, each with the records behind it. A signal is evidence for
 * those who judge, never a penalty: nothing about a score, a grade or a status changes because of one.
 */

export const SIGNAL_KINDS = [
  'bulk_before_deadline', // service records entered in bulk just before the deadline, or dated back
  'self_rating', // ratings sent from an address the centre's own accounts signed in from
  'never_trading_single_centre', // enterprises only this centre served that never traded
  'participants_over_registrations', // activities with far more participants than registered enterprises
] as const;
export const ZSignalKind = z.enum(SIGNAL_KINDS);
export type TSignalKind = z.infer<typeof ZSignalKind>;

const ZText = z.object({ 'zh-CN': z.string(), en: z.string() });
export type TSignalText = z.infer<typeof ZText>;

/** How the web shows a cell: dates as 2026年12月7日, times with the minute, numbers as they are. */
export const ZSignalColumnType = z.enum(['text', 'number', 'date', 'datetime', 'label']);

/** The records behind a signal: a table whose columns the server names, the first rows of it and how many in all. */
export const ZSignalEvidence = z.object({
  columns: z.array(z.object({ key: z.string(), title: ZText, type: ZSignalColumnType })),
  rows: z.array(
    z.object({
      /** The record's own page on the platform, when it has one (e.g. /services/12). */
      link: z.string().nullable(),
      /** A label cell carries both languages; the web picks the reader's. */
      cells: z.record(z.string(), z.union([z.string(), z.number(), z.null(), ZText])),
    }),
  ),
  /** Every record the signal found; rows hold at most SIGNAL_EVIDENCE_ROWS of them. */
  total: z.number().int().min(0),
});
export type TSignalEvidence = z.infer<typeof ZSignalEvidence>;

export const ZFraudSignal = z.object({
  kind: ZSignalKind,
  severity: z.enum(['notice', 'warning']),
  title: ZText,
  /** The numbers behind it, in a sentence or two. */
  explanation: ZText,
  evidence: ZSignalEvidence,
  /** A list on the platform that opens the records (filters in the address), for those who may read it. */
  link: z.string().nullable(),
  /** The permission the link's page needs, so that the web offers it only to those who may open it. */
  linkAction: z.string().nullable(),
});
export type TFraudSignal = z.infer<typeof ZFraudSignal>;

/** One threshold of the heuristics, as the page shows it under "如何判断". */
export const ZSignalThreshold = z.object({
  key: z.string(),
  value: z.number(),
  description: ZText,
});

export const ZFraudSignalsResponse = z.object({
  submissionId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  year: z.number().int(),
  submissionDue: z.string(),
  signals: z.array(ZFraudSignal),
  thresholds: z.array(ZSignalThreshold),
  /** What the checks could not look at, said plainly (e.g. no staff phone numbers to compare with). */
  limits: z.array(ZText),
});
export type TFraudSignalsResponse = z.infer<typeof ZFraudSignalsResponse>;
