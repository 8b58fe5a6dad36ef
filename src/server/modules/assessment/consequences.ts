import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TGrade } from '../../../contracts/assessment';
import type { TConsequenceBasis, TConsequenceKind } from '../../../contracts/assessment-results';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import {
  assessmentConsequences,
  assessmentCycles,
  assessmentResults,
  centres,
  operators,
  users,
} from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { policyOfVersion } from '../../policy/policy';
import { contractPeriodsOf } from '../engagement';
import { notify } from '../message/notify';

type ResultRow = typeof assessmentResults.$inferSelect;

/** The article each consequence applies. */
export const CONSEQUENCE_ARTICLES: Record<TConsequenceKind, string> = {
  no_funds: '第十二条（三）(2)',
  cancellation_due: '第十二条（三）(2)',
  tender_priority: '第十二条（三）(3)',
};

/**
 * Art. 12(三): what a published grade sets off — 较差: no funds for that year; 较差 two years running: the province is
 * asked to confirm the cancellation of the operator's qualification; 优秀 in every year of a 3-year contract: a
 * priority mark for the next tender. Called by the cycle's publication inside its transaction, after the year's
 * assessment_results rows are written. Each consequence is one row keyed by (kind, centre, year): a publication
 * retried finds it and records, audits and tells nothing a second time (decision 0029, "Consequences").
 */
export async function applyResultConsequences(
  tx: Db,
  ctx: RequestContext,
  opts: { cycleId: number; year: number; at: Date },
): Promise<void> {
  const results = await tx.select().from(assessmentResults).where(eq(assessmentResults.year, opts.year));
  if (results.length === 0) return;
  const earlier = await tx
    .select()
    .from(assessmentResults)
    .where(
      and(
        inArray(
          assessmentResults.centreId,
          results.map((r) => r.centreId),
        ),
        sql`${assessmentResults.year} < ${opts.year}`,
      ),
    );
  const history = (centreId: number) => earlier.filter((r) => r.centreId === centreId);
  // The contract length (Art. 10(三)) under the parameter version the cycle opened with (Art. 16).
  const [cycle] = await tx
    .select({ policyVersion: assessmentCycles.policyVersion })
    .from(assessmentCycles)
    .where(eq(assessmentCycles.id, opts.cycleId));
  if (!cycle) throw new Error(`assessment cycle ${opts.cycleId} not found`);
  const policy = await policyOfVersion(tx, cycle.policyVersion);

  for (const r of results) {
    if (r.grade === 'poor') {
      // Art. 12(三)(2): 考核评估位列"较差"档次的外综服中心，不享受当年资金支持政策.
      await record(tx, ctx, opts, r, 'no_funds', { years: [{ year: r.year, grade: r.grade }] });
      // Art. 12(三)(2): 连续两年 … 较差 … 取消其外综服企业承办资质. The qualification cancelled is the operator's, so
      // both years must name the same operator at this centre: a successor is not answerable for its predecessor's
      // year, and a year without a published result breaks the run (decision 0029).
      const before = history(r.centreId).find((p) => p.year === r.year - 1);
      if (before?.grade === 'poor' && r.operatorId !== null && before.operatorId === r.operatorId) {
        await record(tx, ctx, opts, r, 'cancellation_due', {
          years: [
            { year: before.year, grade: before.grade },
            { year: r.year, grade: r.grade },
          ],
        });
      }
    }
    if (r.grade === 'excellent' && r.operatorId !== null) {
      const basis = await priorityBasis(tx, r, history(r.centreId), policy.parameters.servicePeriodYears);
      if (basis) await record(tx, ctx, opts, r, 'tender_priority', basis);
    }
  }
}

/**
 * Art. 12(三)(3): 3年合同期内考核评估结果均为"优秀"等次. The contract period is the operator's engagement at the centre
 * covering the year; every published result of that centre naming the operator in the period's calendar years must
 * be 优秀, and there must be as many as the period has years (servicePeriodYears, Art. 10(三): 3).
 */
async function priorityBasis(
  tx: Db,
  r: ResultRow,
  earlier: ResultRow[],
  periodYears: number,
): Promise<TConsequenceBasis | null> {
  const operatorId = r.operatorId;
  if (operatorId === null) return null;
  const periods = await contractPeriodsOf(tx, { centreId: r.centreId, operatorId });
  const period = periods.find(
    (p) => Number(p.serviceStart.slice(0, 4)) <= r.year && Number(p.serviceEnd.slice(0, 4)) >= r.year,
  );
  if (!period) return null;
  const from = Number(period.serviceStart.slice(0, 4));
  const to = Number(period.serviceEnd.slice(0, 4));
  const inPeriod = [...earlier, r]
    .filter((x) => x.operatorId === operatorId && x.year >= from && x.year <= to)
    .sort((a, b) => a.year - b.year);
  if (inPeriod.length < periodYears || inPeriod.some((x) => x.grade !== 'excellent')) return null;
  return {
    years: inPeriod.map((x) => ({ year: x.year, grade: x.grade as TGrade })),
    engagementId: period.id,
    serviceStart: period.serviceStart,
    serviceEnd: period.serviceEnd,
  };
}

/** One consequence, once: the row, its audit entry with the article, and who must act on it told. */
async function record(
  tx: Db,
  ctx: RequestContext,
  opts: { cycleId: number; year: number; at: Date },
  r: ResultRow,
  kind: TConsequenceKind,
  basis: TConsequenceBasis,
): Promise<void> {
  const article = CONSEQUENCE_ARTICLES[kind];
  const [row] = await tx
    .insert(assessmentConsequences)
    .values({
      kind,
      status: kind === 'cancellation_due' ? 'due' : 'in_force',
      centreId: r.centreId,
      operatorId: r.operatorId,
      year: r.year,
      cycleId: opts.cycleId,
      cityCode: r.cityCode,
      countyCode: r.countyCode,
      article,
      basis,
      createdAt: opts.at,
    })
    .onConflictDoNothing({
      target: [assessmentConsequences.kind, assessmentConsequences.centreId, assessmentConsequences.year],
    })
    .returning({ id: assessmentConsequences.id });
  if (!row) return; // already recorded by an earlier run of this publication
  await writeAudit(tx, auditContext(ctx, opts.at), {
    action: 'assessment.consequence.recorded',
    objectType: 'assessment_consequence',
    objectId: row.id,
    after: { kind, article, centreId: r.centreId, operatorId: r.operatorId, year: r.year, basis },
  });
  if (kind !== 'cancellation_due') return;
  // Art. 12(三)(2): the cancellation is the province's decision — its officials are asked to confirm it.
  const [names] = await tx
    .select({ centreName: centres.name, operatorName: operators.name })
    .from(centres)
    .leftJoin(operators, eq(operators.id, sql`${r.operatorId}`))
    .where(eq(centres.id, r.centreId));
  const province = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'province'));
  await notify(
    tx,
    { userIds: province.map((u) => u.id) },
    {
      kind: 'assessment.cancellationDue',
      params: {
        centreName: names?.centreName ?? '',
        operatorName: names?.operatorName ?? '',
        years: basis.years.map((y) => y.year).join('、'),
      },
      link: `/centres/${r.centreId}`,
      subject: `assessment_consequence:${row.id}`,
      at: opts.at,
    },
  );
}
