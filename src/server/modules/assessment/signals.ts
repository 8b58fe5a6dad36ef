import type { TFraudSignal, TSignalText } from '../../../contracts/assessment-signals';
import type { Db } from '../../db/client';
import {
  bulkBeforeDeadline,
  neverTradingSingleCentre,
  participantsOverRegistrations,
  selfRating,
} from './signal-checks';

/**
 * 考核线索 (issue 14; serving Art. 13(三) 弄虚作假 and Art. 14): the evidence heuristics an evaluator and the province
 * see beside a submission. These numbers are NOT policy parameters — no article sets them and nothing is scored or
 * refused by them; they only decide when a pattern is worth showing with its records. The page shows them under
 * "如何判断" so that a reader can weigh a signal against how it was found.
 */
export const SIGNAL_THRESHOLDS = {
  /** Days before the deadline (or before the year's end, if the deadline is later) looked at for bulk entry. */
  bulkWindowDays: 10,
  /** Bulk = the window holds this many times the records the centre's own daily rate over the year would give… */
  bulkRatio: 3,
  /** …and at least this many records (a quiet centre's handful is no pattern). */
  bulkMinRecords: 20,
  /** A record dated this many days or more before the platform logged its entry counts as dated back. */
  backdatedAfterDays: 7,
  /** An address more than this many accounts signed in from is shared (a proxy, a carrier's NAT): not the centre's. */
  sharedAddressAccounts: 20,
  /** Enterprises only this centre served that never declared: shown from this many… */
  neverTradingMinCount: 5,
  /** …and when they are at least this share of the enterprises the centre served. */
  neverTradingMinShare: 0.3,
  /** Participants above this many per registered enterprise… */
  participantsPerRegistration: 10,
  /** …plus this allowance (walk-in listeners of an open lecture) make an activity's count implausible. */
  participantsAllowance: 50,
} as const;
export type SignalThresholds = typeof SIGNAL_THRESHOLDS;

export { SIGNAL_EVIDENCE_ROWS } from './signal-checks';

export const SIGNAL_THRESHOLD_TEXT: Record<keyof SignalThresholds, TSignalText> = {
  bulkWindowDays: {
    'zh-CN': '集中录入观察期：提交截止日前（截止日晚于年末时为年末前）的天数',
    en: 'Days before the deadline (or the year end, if earlier) watched for bulk entry',
  },
  bulkRatio: {
    'zh-CN': '观察期内录入量达到按全年日均推算数量的倍数',
    en: 'Records entered in that window, as a multiple of the centre’s own daily rate',
  },
  bulkMinRecords: { 'zh-CN': '观察期内录入量至少（件）', en: 'At least this many records in that window' },
  backdatedAfterDays: {
    'zh-CN': '服务日期早于平台登记时间达到的天数，视为补录倒签',
    en: 'Days between a record’s date and its entry on the platform that count as dated back',
  },
  sharedAddressAccounts: {
    'zh-CN': '同一网络地址登录账号超过此数视为公共出口（代理、运营商共享地址），不作比对',
    en: 'An address more accounts than this signed in from is shared and not compared',
  },
  neverTradingMinCount: {
    'zh-CN': '仅由本中心服务且从未申报进出口的企业至少（家）',
    en: 'At least this many enterprises served by this centre alone that never declared',
  },
  neverTradingMinShare: {
    'zh-CN': '上述企业占本中心服务企业的比例至少',
    en: 'And at least this share of the enterprises the centre served',
  },
  participantsPerRegistration: {
    'zh-CN': '活动参与人数超过登记参与企业数的倍数',
    en: 'Participants above this many per registered enterprise',
  },
  participantsAllowance: {
    'zh-CN': '另加的人数余量（公开讲座的现场听众）',
    en: 'Plus this allowance for walk-in listeners',
  },
};

export interface FraudSignalsOptions {
  centreId: number;
  /** The assessed calendar year (the cycle's). */
  year: number;
  /** The cycle's submission deadline, a Beijing day (inclusive). */
  submissionDue: string;
}

/** The Beijing instants a check needs: the year, the deadline's end, and the bulk window. */
export interface SignalWindow {
  centreId: number;
  year: number;
  yearStart: Date;
  yearEnd: Date;
  dueEnd: Date;
  windowStart: Date;
  windowEnd: Date;
}

const DAY_MS = 86_400_000;

export function beijingDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function signalWindow(opts: FraudSignalsOptions, t: SignalThresholds = SIGNAL_THRESHOLDS): SignalWindow {
  const yearStart = beijingDayStart(`${opts.year}-01-01`);
  const yearEnd = beijingDayStart(`${opts.year + 1}-01-01`);
  const dueEnd = new Date(beijingDayStart(opts.submissionDue).getTime() + DAY_MS);
  // A record counts for the year only if it is dated in it, so a deadline after the year leaves the year's last days
  // as the last moment to add records without dating them back (those are the second half of this signal).
  const windowEnd = dueEnd < yearEnd ? dueEnd : yearEnd;
  const start = new Date(windowEnd.getTime() - t.bulkWindowDays * DAY_MS);
  const windowStart = start < yearStart ? yearStart : start;
  return { centreId: opts.centreId, year: opts.year, yearStart, yearEnd, dueEnd, windowStart, windowEnd };
}

/**
 * The signals of one centre for one assessed year, each with its records. Every query is bounded by the centre and
 * the year (or the deadline) on indexed columns; none writes anything.
 */
export async function fraudSignals(db: Db, opts: FraudSignalsOptions): Promise<TFraudSignal[]> {
  const w = signalWindow(opts);
  const t = SIGNAL_THRESHOLDS;
  const found = [
    await bulkBeforeDeadline(db, w, t),
    await selfRating(db, w, t),
    await neverTradingSingleCentre(db, w, t),
    await participantsOverRegistrations(db, w, t),
  ];
  return found.filter((s): s is TFraudSignal => s !== null);
}
