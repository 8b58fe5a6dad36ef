import { and, inArray, sql } from 'drizzle-orm';
import type { TCentre, TCentreListQuery, TCentreStats } from '../../../contracts/centre';
import type { RequestContext } from '../../context';
import { centreChanges, centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { staffingVerdicts } from '../../policy/rules/staffing';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { rostersOf } from '../staff';
import { isRecognised } from './centre.machine';
import { currentPoliciesFor, toCentre } from './centre.presenter';
import { centreCounts, centreFilters, listCentres } from './centre.repository';

/** What waits for this user's step: the county its drafts and returns, the city submissions, the province the rest. */
function awaitingFor(user: SessionUser) {
  switch (user.role) {
    case 'county':
      return inArray(centres.status, ['draft', 'returned']);
    case 'city':
      return inArray(centres.status, ['submitted']);
    case 'province':
      return sql`(${centres.status} = 'forwarded' or exists (select 1 from ${centreChanges}
        where ${centreChanges.centreId} = ${centres.id} and ${centreChanges.status} = 'submitted'))`;
    default:
      return sql`false`;
  }
}

export async function listCentresForUser(
  ctx: RequestContext,
  q: TCentreListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TCentre[]; total: number }> {
  const user = requireAction(ctx.user, 'centre.read');
  const where = and(centreScope(user), ...centreFilters(q, q.awaitingMe === 'true' ? awaitingFor(user) : undefined));
  const { rows, total } = await listCentres(ctx.deps.db, where, q.sort, limit, offset);
  const [policyOf, rosters] = await Promise.all([
    currentPoliciesFor(ctx, rows),
    rostersOf(
      ctx.deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  return { items: rows.map((r) => toCentre(r, policyOf(r.cityCode), rosters.get(r.id) ?? [])), total };
}

const IN_APPLICATION = new Set(['draft', 'submitted', 'returned', 'forwarded']);

/** The layout at a glance (Art. 9(一)): per city, recognised / in application / revoked, in the user's scope. */
export async function centreStats(ctx: RequestContext): Promise<TCentreStats> {
  const user = requireAction(ctx.user, 'centre.read');
  const scope = centreScope(user);
  const [counts, { rows }] = await Promise.all([
    centreCounts(ctx.deps.db, scope),
    listCentres(ctx.deps.db, scope, 'city', 10_000, 0),
  ]);
  const policyOf = await currentPoliciesFor(ctx, rows);
  const byCity = new Map<string, TCentreStats['byCity'][number]>();
  const byStatus: Record<string, number> = {};
  for (const c of counts) {
    const entry = byCity.get(c.cityCode) ?? {
      cityCode: c.cityCode,
      cityName: c.cityName,
      recognised: 0,
      inApplication: 0,
      revoked: 0,
    };
    if (isRecognised(c.status)) entry.recognised += c.n;
    else if (IN_APPLICATION.has(c.status)) entry.inApplication += c.n;
    else if (c.status === 'revoked') entry.revoked += c.n;
    byCity.set(c.cityCode, entry);
    byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
  }
  const recognised = rows.filter((r) => isRecognised(r.status));
  const rosters = await rostersOf(
    ctx.deps.db,
    recognised.map((r) => r.id),
  );
  const staffNonCompliant = recognised.filter(
    (r) => !staffingVerdicts(r.parkLevel, rosters.get(r.id) ?? [], policyOf(r.cityCode)).every((v) => v.ok),
  ).length;
  const venueNonCompliant = rows.filter(
    (r) =>
      (isRecognised(r.status) || IN_APPLICATION.has(r.status)) &&
      !venueAreaVerdict(
        { parkLevel: r.parkLevel, parkKind: r.parkKind, area: Number(r.venueArea) },
        policyOf(r.cityCode),
      ).ok,
  ).length;
  return { byCity: [...byCity.values()], byStatus, venueNonCompliant, staffNonCompliant };
}
