import {
  BAD_RATING_LEVELS,
  RATING_LEVELS,
  RATING_SCORE,
  type TRatingLevel,
  type TServiceStats,
} from '../../../contracts/service-record';

export type ServiceFigures = TServiceStats['totals'];

/** 服务状态 still being handled (SPEC §3.5): 待受理, 已受理, 办理中. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress'] as const;

/**
 * 好评 (政务服务"好差评"): 非常满意, 满意 and 基本满意 — every level but the two that open a rectification. The one
 * definition the statistics, the homes and the assessment share.
 */
export const GOOD_LEVELS: readonly TRatingLevel[] = RATING_LEVELS.filter((l) => !BAD_RATING_LEVELS.includes(l));

/** What the figures add up for one centre (or a whole scope); rates and means come from these. */
export interface Sums {
  total: number;
  open: number;
  completed: number;
  cancelled: number;
  responseMs: number;
  responded: number;
  completionMs: number;
  completedTimed: number;
  ratedCompleted: number;
  levels: Record<TRatingLevel, number>;
  openRectifications: number;
  overdueRectifications: number;
}

export function emptySums(): Sums {
  return {
    total: 0,
    open: 0,
    completed: 0,
    cancelled: 0,
    responseMs: 0,
    responded: 0,
    completionMs: 0,
    completedTimed: 0,
    ratedCompleted: 0,
    levels: { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0 },
    openRectifications: 0,
    overdueRectifications: 0,
  };
}

export function addInto(into: Sums, s: Sums): void {
  for (const key of Object.keys(into) as (keyof Sums)[]) {
    if (key !== 'levels') into[key] += s[key];
  }
  for (const level of RATING_LEVELS) into.levels[level] += s.levels[level];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits: number) => (whole > 0 ? round(part / whole, digits) : null);

/** Means in hours (one decimal), rates 0–1 (four decimals), the five-point mean score (two decimals). */
export function figuresOf(s: Sums): ServiceFigures {
  const rated = RATING_LEVELS.reduce((n, level) => n + s.levels[level], 0);
  const good = GOOD_LEVELS.reduce((n, level) => n + s.levels[level], 0);
  const points = RATING_LEVELS.reduce((n, level) => n + RATING_SCORE[level] * s.levels[level], 0);
  return {
    total: s.total,
    open: s.open,
    completed: s.completed,
    cancelled: s.cancelled,
    avgResponseHours: ratio(s.responseMs / 3_600_000, s.responded, 1),
    avgCompletionHours: ratio(s.completionMs / 3_600_000, s.completedTimed, 1),
    ratingRate: ratio(s.ratedCompleted, s.completed, 4),
    satisfaction: {
      rated,
      distribution: { ...s.levels },
      goodRate: ratio(good, rated, 4),
      averageScore: ratio(points, rated, 2),
    },
    openRectifications: s.openRectifications,
    overdueRectifications: s.overdueRectifications,
  };
}
