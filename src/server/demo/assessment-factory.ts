import { eq } from 'drizzle-orm';
import {
  METRIC_KEYS,
  type TIndicatorSystemBody,
  type TMetricSnapshot,
  type TMetricValues,
  type TSubmissionStatus,
} from '../../contracts/assessment';
import type { Db } from '../db/client';
import { assessmentCycles, assessmentSubmissions, centres, evaluationAgencies, indicatorSystems } from '../db/schema';
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
