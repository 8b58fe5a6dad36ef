import { and, eq } from 'drizzle-orm';
import {
  METRIC_KEYS,
  type TGrade,
  type TIndicatorSystemBody,
  type TMetricSnapshot,
  type TMetricValues,
  type TSubmissionStatus,
} from '../../contracts/assessment';
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
 * A year's cycle with a frozen indicator system (the shipped default unless given), as the province's opening of a
 * cycle leaves them (decision 0029). Deadlines default to the spring after the year.
 */
export async function makeCycle(
  db: Db,
  opts: {
    year: number;
    systemBody?: TIndicatorSystemBody;
    submissionDue?: string;
    prereviewDue?: string;
    evaluationDue?: string;
    policyVersion?: number;
    openedBy?: number | null;
  },
): Promise<typeof assessmentCycles.$inferSelect> {
  const [system] = await db
    .insert(indicatorSystems)
    .values({
      title: `${opts.year}年度${DEFAULT_INDICATOR_SYSTEM_TITLE}`,
      year: opts.year,
      status: 'frozen',
      body: opts.systemBody ?? DEFAULT_INDICATOR_SYSTEM,
      frozenAt: new Date(),
    })
    .returning();
  if (!system) throw new Error('indicator system not written');
  const next = opts.year + 1;
  const [cycle] = await db
    .insert(assessmentCycles)
    .values({
      year: opts.year,
      title: `${opts.year}年度外综服中心考核评估`,
      notice: `根据《管理办法》第十二条，开展${opts.year}年度考核评估工作。`,
      systemId: system.id,
      submissionDue: opts.submissionDue ?? `${next}-01-31`,
      prereviewDue: opts.prereviewDue ?? `${next}-02-28`,
      evaluationDue: opts.evaluationDue ?? `${next}-03-31`,
      policyVersion: opts.policyVersion ?? 1,
      openedBy: opts.openedBy ?? null,
    })
    .returning();
  if (!cycle) throw new Error('assessment cycle not written');
  return cycle;
}

/**
 * A centre's submission in a cycle at a given status, its scope columns and operator copied from the centre and its
 * figures snapshot from `metrics` (missing figures are null), as the operator's submission and the city's
 * pre-review leave it.
 */
export async function makeSubmission(
  db: Db,
  opts: {
    cycleId: number;
    centreId: number;
    /** Default: 'assigned' when an agency is given, else 'draft'. */
    status?: TSubmissionStatus;
    metrics?: Partial<TMetricValues>;
    statement?: string;
    operatorId?: number | null;
    /** The agency it is assigned to (status assigned and after). */
    agencyId?: number | null;
  },
): Promise<typeof assessmentSubmissions.$inferSelect> {
  const [centre] = await db.select().from(centres).where(eq(centres.id, opts.centreId)).limit(1);
  if (!centre) throw new Error(`no centre ${opts.centreId}`);
  const [cycle] = await db.select().from(assessmentCycles).where(eq(assessmentCycles.id, opts.cycleId)).limit(1);
  if (!cycle) throw new Error(`no cycle ${opts.cycleId}`);
  const values = Object.fromEntries(METRIC_KEYS.map((k) => [k, opts.metrics?.[k] ?? null])) as TMetricValues;
  const computedAt = new Date();
  const snapshot: TMetricSnapshot = {
    year: cycle.year,
    values,
    evidence: {} as TMetricSnapshot['evidence'],
    computedAt: computedAt.toISOString(),
  };
  const status: TSubmissionStatus = opts.status ?? (opts.agencyId ? 'assigned' : 'draft');
  const submitted = status !== 'draft';
  const [row] = await db
    .insert(assessmentSubmissions)
    .values({
      cycleId: opts.cycleId,
      centreId: centre.id,
      cityCode: centre.cityCode,
      countyCode: centre.countyCode,
      parkId: centre.parkId,
      operatorId: opts.operatorId ?? null,
      status,
      metrics: snapshot,
      metricsComputedAt: computedAt,
      statement: opts.statement ?? `${centre.name}${cycle.year}年度自评报告。`,
      submittedAt: submitted ? computedAt : null,
      prereviewDecision: ['submitted', 'draft', 'returned'].includes(status) ? null : 'passed',
      prereviewedAt: ['submitted', 'draft', 'returned'].includes(status) ? null : computedAt,
      agencyId: opts.agencyId ?? null,
      assignedAt: opts.agencyId ? computedAt : null,
    })
    .returning();
  if (!row) throw new Error('assessment submission not written');
  return row;
}

/**
 * The year's cycle (one per year), opened with a frozen copy of the shipped indicator system; the existing one when
 * the year already has it. Deadlines are the year after the assessed year, as the province sets them.
 */
async function resultYearCycle(
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
async function publishedSubmission(
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
  const cycle = await resultYearCycle(db, { year: opts.year, status: 'published' });
  const at = opts.at ?? new Date(`${opts.year + 1}-04-15T02:00:00Z`);
  const submission = await publishedSubmission(db, {
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
