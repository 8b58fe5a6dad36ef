import { and, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { TCentreConditionQuery, TCentreConditionStatus } from '../../../contracts/city-rule';
import type { RequestContext } from '../../context';
import { centreConditionStatus, centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { policiesForRegions } from '../../policy/city-rules';
import { beijingDay } from '../../policy/policy';
import { listCentres } from './centre.repository';

/** Calendar days from one Beijing day to another. */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Art. 9(四): recognised centres that no longer meet their venue (Art. 6) or staffing (Art. 7) condition, in the
 * caller's region (the province all, a city or a county its own). By default only those failing for longer than
 * `conditionFailureDays` of their region — the ones listed for the province's adjustment or revocation decision,
 * which is taken on the centre's own page (the list links there, it decides nothing itself). Each carries the verdict
 * history as the evidence.
 */
export async function listCentreConditions(
  ctx: RequestContext,
  q: TCentreConditionQuery,
): Promise<{ items: TCentreConditionStatus[]; total: number }> {
  const user = requireAction(ctx.user, 'centre.conditions');
  const db = ctx.deps.db;
  const today = beijingDay(ctx.deps.clock());
  const filters: SQL[] = [
    centreScope(user),
    q.show === 'resolved' ? isNotNull(centreConditionStatus.resolvedOn) : isNull(centreConditionStatus.resolvedOn),
  ];
  if (q.city) filters.push(eq(centres.cityCode, q.city));
  const rows = await db
    .select({ s: centreConditionStatus })
    .from(centreConditionStatus)
    .innerJoin(centres, eq(centres.id, centreConditionStatus.centreId))
    .where(and(...filters));
  const ids = [...new Set(rows.map((r) => r.s.centreId))];
  const { rows: centreRows } = ids.length
    ? await listCentres(db, inArray(centres.id, ids), 'id', ids.length, 0)
    : { rows: [] };
  const centreOf = new Map(centreRows.map((c) => [c.id, c]));
  const policyOf = await policiesForRegions(
    db,
    today,
    centreRows.map((c) => c.cityCode),
  );
  const items: TCentreConditionStatus[] = [];
  for (const { s } of rows) {
    const c = centreOf.get(s.centreId);
    if (!c) continue;
    const thresholdDays = policyOf(c.cityCode).parameters.conditionFailureDays;
    const daysFailing = daysFrom(s.failingSince, s.resolvedOn ?? today);
    const overdue = s.resolvedOn === null && daysFailing > thresholdDays;
    if (q.show === 'overdue' && !overdue) continue;
    items.push({
      id: s.id,
      centreId: c.id,
      centreName: c.name,
      centreStatus: c.status,
      parkName: c.parkName,
      cityCode: c.cityCode,
      cityName: c.cityName,
      countyName: c.countyName,
      condition: s.condition,
      failingSince: s.failingSince,
      resolvedOn: s.resolvedOn,
      daysFailing,
      thresholdDays,
      overdue,
      lastVerdicts: s.lastVerdict,
      history: s.history,
      decisionLink: `/centres/${c.id}`,
    });
  }
  items.sort(
    (a, b) => b.daysFailing - a.daysFailing || a.centreId - b.centreId || a.condition.localeCompare(b.condition),
  );
  return { items, total: items.length };
}
