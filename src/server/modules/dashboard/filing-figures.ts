import { and, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { annualContracts, centres, engagements } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { policyInForce } from '../../policy/policy';
import { reprocurementDue } from '../../policy/rules/procurement';
import { engagementScope, overdueFiling } from '../engagement';

/** Engagements in the caller's scope matching `cond` (the park committee's through the joined centre). */
async function countEngagements(db: Db, user: SessionUser, cond: SQL): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(engagements)
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .where(and(engagementScope(user), cond));
  return row?.n ?? 0;
}

/** Art. 10(三): agreements past their 15-working-day filing deadline (still not reported, or reported late). */
export function overdueFilingCount(db: Db, user: SessionUser, today: string): Promise<number> {
  return countEngagements(db, user, overdueFiling(today));
}

/** Centres in scope whose latest engagement calls for a new procurement (Art. 10(三)): the county's to start. */
export async function reprocurementDueCount(db: Db, user: SessionUser, today: string): Promise<number> {
  const latest = await db
    .select({
      id: engagements.id,
      status: engagements.status,
      serviceStart: engagements.serviceStart,
      serviceEnd: engagements.serviceEnd,
      endReason: engagements.endReason,
    })
    .from(engagements)
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .where(
      and(
        engagementScope(user),
        // The latest engagement of each centre: one grouped scan (a correlated max per row scanned the primary key
        // backwards once per centre — 10,000 buffers and ~9 ms for 150 centres on the province's home).
        sql`${engagements.id} in (select max(e2.id) from engagements e2 group by e2.centre_id)`,
        sql`${centres.status} <> 'revoked'`,
      ),
    );
  if (latest.length === 0) return 0;
  const contracts = await db
    .select({
      engagementId: annualContracts.engagementId,
      year: annualContracts.year,
      evaluation: annualContracts.evaluation,
    })
    .from(annualContracts)
    .where(
      inArray(
        annualContracts.engagementId,
        latest.map((e) => e.id),
      ),
    );
  const policy = await policyInForce(db, today);
  return latest.filter(
    (e) =>
      reprocurementDue(
        e,
        contracts.filter((c) => c.engagementId === e.id),
        today,
        policy,
      ) !== null,
  ).length;
}
