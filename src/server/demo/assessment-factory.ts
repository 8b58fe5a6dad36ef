import { and, eq } from 'drizzle-orm';
import type { TGrade, TMetricSnapshot } from '../../contracts/assessment';
import type { Db } from '../db/client';
import {
  assessmentCycles,
  assessmentResults,
  assessmentScores,
  assessmentSubmissions,
  centres,
  evaluationAgencies,
  indicatorSystems,
} from '../db/schema';
import { DEFAULT_INDICATOR_SYSTEM, DEFAULT_INDICATOR_SYSTEM_TITLE } from '../modules/assessment/default-system';

/** A third-party evaluation agency (Art. 12(二)(3)); its evaluator accounts carry its id as users.evaluator_id. */
export async function makeEvaluationAgency(
  db: Db,
  opts: { name: string; creditCode?: string | null; contact?: string | null },
): Promise<typeof evaluationAgencies.$inferSelect> {
  const [row] = await db
    .insert(evaluationAgencies)
    .values({ name: opts.name, creditCode: opts.creditCode ?? null, contact: opts.contact ?? null })
    .returning();
  if (!row) throw new Error('evaluation agency not written');
  return row;
}

/**
 * The year's cycle (one per year), opened with a frozen copy of the shipped indicator system; the existing one when
 * the year already has it. Deadlines are the year after the assessed year, as the province sets them.
 */
export async function makeCycle(
  db: Db,
  opts: { year: number; status?: 'open' | 'published' },
): Promise<typeof assessmentCycles.$inferSelect> {
  const [existing] = await db.select().from(assessmentCycles).where(eq(assessmentCycles.year, opts.year));
  if (existing) return existing;
  const [system] = await db
    .insert(indicatorSystems)
    .values({
      title: `${DEFAULT_INDICATOR_SYSTEM_TITLE}（${opts.year}年度）`,
      year: opts.year,
      status: 'frozen',
      body: DEFAULT_INDICATOR_SYSTEM,
      frozenAt: new Date(`${opts.year + 1}-01-05T02:00:00Z`),
    })
    .returning({ id: indicatorSystems.id });
  if (!system) throw new Error('indicator system not written');
  const [cycle] = await db
    .insert(assessmentCycles)
    .values({
      year: opts.year,
      title: `${opts.year}年度外综服中心考核评估`,
      notice: `根据第十二条，现组织开展${opts.year}年度外综服中心考核评估工作。`,
      systemId: system.id,
      submissionDue: `${opts.year + 1}-01-31`,
      prereviewDue: `${opts.year + 1}-02-28`,
      evaluationDue: `${opts.year + 1}-03-31`,
      status: opts.status ?? 'open',
      policyVersion: 1,
      openedAt: new Date(`${opts.year + 1}-01-05T02:00:00Z`),
    })
    .returning();
  if (!cycle) throw new Error('cycle not written');
  return cycle;
}

/**
 * A centre's submission in a cycle, at the given status, with a snapshot of figures (all that cannot be computed yet
 * when none are given) and the dates of the steps up to that status; scope columns copied from the centre.
 */
export async function makeSubmission(
  db: Db,
  opts: {
    cycleId: number;
    centreId: number;
    operatorId: number | null;
    status?: (typeof assessmentSubmissions.$inferSelect)['status'];
    year: number;
    total?: string | null;
    grade?: TGrade | null;
    agencyId?: number | null;
    at?: Date;
  },
): Promise<typeof assessmentSubmissions.$inferSelect> {
  const [centre] = await db
    .select({ cityCode: centres.cityCode, countyCode: centres.countyCode, parkId: centres.parkId })
    .from(centres)
    .where(eq(centres.id, opts.centreId));
  if (!centre) throw new Error(`no centre ${opts.centreId}`);
  const at = opts.at ?? new Date(`${opts.year + 1}-04-15T02:00:00Z`);
  const step = (daysBefore: number) => new Date(at.getTime() - daysBefore * 86_400_000);
  const snapshot: TMetricSnapshot = {
    year: opts.year,
    values: {},
    evidence: {},
    computedAt: step(80).toISOString(),
  } as TMetricSnapshot;
  const [row] = await db
    .insert(assessmentSubmissions)
    .values({
      cycleId: opts.cycleId,
      centreId: opts.centreId,
      cityCode: centre.cityCode,
      countyCode: centre.countyCode,
      parkId: centre.parkId,
      operatorId: opts.operatorId,
      status: opts.status ?? 'published',
      metrics: snapshot,
      metricsComputedAt: step(80),
      statement: `${opts.year}年度自评报告。`,
      submittedAt: step(80),
      prereviewDecision: 'passed',
      prereviewedAt: step(60),
      agencyId: opts.agencyId ?? null,
      assignedAt: step(50),
      scoredAt: step(20),
      total: opts.total ?? null,
      grade: opts.grade ?? null,
      confirmedAt: step(10),
      publishedAt: opts.status === undefined || opts.status === 'published' ? at : null,
    })
    .returning();
  if (!row) throw new Error('submission not written');
  return row;
}

/**
 * A published result of a centre for a year (Art. 12(三)) as publication writes it: the year's cycle, the centre's
 * published submission with the evaluator's score of one indicator, and the assessment_results row. It does not run
 * the consequences: the caller calls applyResultConsequences as publication does.
 */
export async function makePublishedResult(
  db: Db,
  opts: { centreId: number; year: number; grade: TGrade; total: string; operatorId: number | null; at?: Date },
): Promise<typeof assessmentResults.$inferSelect> {
  const cycle = await makeCycle(db, { year: opts.year, status: 'published' });
  const at = opts.at ?? new Date(`${opts.year + 1}-04-15T02:00:00Z`);
  const submission = await makeSubmission(db, {
    cycleId: cycle.id,
    centreId: opts.centreId,
    operatorId: opts.operatorId,
    year: opts.year,
    total: opts.total,
    grade: opts.grade,
    at,
  });
  const scored = DEFAULT_INDICATOR_SYSTEM.indicators.find((i) => i.scoring.kind === 'evaluator');
  if (scored) {
    await db.insert(assessmentScores).values({
      submissionId: submission.id,
      indicatorKey: scored.key,
      score: String(Math.min(scored.weight, Math.round((Number(opts.total) / 100) * scored.weight))),
      remark: '实地考察：服务窗口运行正常，台账完整。',
      scoredAt: submission.scoredAt ?? at,
    });
  }
  await db
    .update(assessmentCycles)
    .set({ status: 'published', publishedAt: at })
    .where(and(eq(assessmentCycles.id, cycle.id), eq(assessmentCycles.status, 'open')));
  const [row] = await db
    .insert(assessmentResults)
    .values({
      centreId: opts.centreId,
      year: opts.year,
      cycleId: cycle.id,
      submissionId: submission.id,
      operatorId: opts.operatorId,
      cityCode: submission.cityCode,
      countyCode: submission.countyCode,
      total: opts.total,
      grade: opts.grade,
      policyVersion: cycle.policyVersion,
      publishedAt: at,
    })
    .returning();
  if (!row) throw new Error('result not written');
  return row;
}
