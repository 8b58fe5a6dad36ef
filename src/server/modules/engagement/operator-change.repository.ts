import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TOperatorChange } from '../../../contracts/engagement';
import type { Db } from '../../db/client';
import { centres, engagements, operatorChanges, operators, regions } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import type { PolicyTimeline } from '../../policy/policy-timeline';
import { changeApplicationVerdict } from '../../policy/rules/deadlines';

const county = alias(regions, 'county');
const city = alias(regions, 'city');
const outgoing = alias(operators, 'outgoing');
const incoming = alias(operators, 'incoming');

/** Same scope as engagements (centreRecordScope); the park's come through the joined centre. */
export function operatorChangeScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: operatorChanges.cityCode,
    countyCode: operatorChanges.countyCode,
    centreId: operatorChanges.centreId,
    parkId: centres.parkId,
  });
}

function baseQuery(db: Db) {
  return db
    .select({
      c: operatorChanges,
      centreName: centres.name,
      countyName: county.name,
      cityName: city.name,
      outgoingOperatorId: engagements.operatorId,
      outgoingOperatorName: outgoing.name,
      incomingOperatorName: incoming.name,
    })
    .from(operatorChanges)
    .innerJoin(engagements, eq(engagements.id, operatorChanges.engagementId))
    .innerJoin(centres, eq(centres.id, operatorChanges.centreId))
    .innerJoin(outgoing, eq(outgoing.id, engagements.operatorId))
    .leftJoin(incoming, eq(incoming.id, operatorChanges.incomingOperatorId))
    .innerJoin(county, eq(county.code, operatorChanges.countyCode))
    .innerJoin(city, eq(city.code, operatorChanges.cityCode));
}

export type OperatorChangeRow = NonNullable<Awaited<ReturnType<typeof findOperatorChange>>>;

export async function findOperatorChange(db: Db, scope: SQL, id: number) {
  const rows = await baseQuery(db)
    .where(and(scope, eq(operatorChanges.id, id)))
    .limit(1);
  return rows[0];
}

export async function listOperatorChangeRows(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const [rows, totals] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(desc(operatorChanges.appliedOn), desc(operatorChanges.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(operatorChanges)
      .innerJoin(centres, eq(centres.id, operatorChanges.centreId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

const DAY_MS = 86_400_000;

export function toOperatorChange(r: OperatorChangeRow, user: SessionUser, timeline: PolicyTimeline): TOperatorChange {
  const c = r.c;
  const allowed: string[] = [];
  if (c.status === 'submitted' && can(user.role, 'engagement.report')) allowed.push('forward');
  if (c.status === 'forwarded' && can(user.role, 'engagement.file')) allowed.push('decide');
  if (c.status !== 'rejected' && can(user.role, 'engagement.manage')) allowed.push('handover');
  return {
    id: c.id,
    engagementId: c.engagementId,
    centreId: c.centreId,
    centreName: r.centreName,
    cityName: r.cityName,
    countyName: r.countyName,
    outgoingOperatorId: r.outgoingOperatorId,
    outgoingOperatorName: r.outgoingOperatorName,
    incomingOperatorId: c.incomingOperatorId,
    incomingOperatorName: r.incomingOperatorName,
    status: c.status,
    cause: c.cause,
    changedOn: c.changedOn,
    appliedOn: c.appliedOn,
    deadline: c.deadline,
    // Art. 16: a past decision is shown under the version it was made with.
    deadlineVerdict: changeApplicationVerdict(c.changedOn, c.appliedOn, timeline.of(c.policyVersion)),
    reason: c.reason,
    handover: c.handover,
    servedFrom: c.servedFrom,
    servedTo: c.servedTo,
    // Both ends count: a period from 1 March to 31 March is 31 days of service.
    servedDays:
      Math.round((Date.parse(`${c.servedTo}T00:00:00Z`) - Date.parse(`${c.servedFrom}T00:00:00Z`)) / DAY_MS) + 1,
    evaluationResult: c.evaluationResult,
    evaluationNote: c.evaluationNote,
    forwardComment: c.forwardComment,
    decisionComment: c.decisionComment,
    appliedBy: c.appliedByName,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    policyVersion: c.policyVersion,
    version: c.version,
    allowedActions: allowed,
  };
}
