import { METRIC_KEYS, type TMetricEvidence, type TMetricKey, type TMetricValues } from '../../../contracts/assessment';
import type { Db } from '../../db/client';

export interface CentreYearMetrics {
  centreId: number;
  values: TMetricValues;
  evidence: Partial<Record<TMetricKey, TMetricEvidence>>;
}

/**
 * The figures of Art. 12(一) for each centre and a calendar year, read from the figures layer (issue 12, 13): the one
 * place an assessment's computed indicators come from. FOUNDATION PLACEHOLDER — issue 14's metrics work replaces this
 * body with the real computation; until then every value is null (cannot be computed, scores 0).
 */
export async function computeYearMetrics(
  _db: Db,
  _year: number,
  centreIds: readonly number[],
): Promise<Map<number, CentreYearMetrics>> {
  const out = new Map<number, CentreYearMetrics>();
  for (const centreId of centreIds)
    out.set(centreId, {
      centreId,
      values: Object.fromEntries(METRIC_KEYS.map((k) => [k, null])) as TMetricValues,
      evidence: {},
    });
  return out;
}
