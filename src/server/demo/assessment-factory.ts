import { eq, sql } from 'drizzle-orm';
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
 * A year's assessment cycle (Art. 12(二)(1)) with a frozen copy of the shipped indicator system, written directly:
 * the province's opening use case belongs to the cycle work of issue 14; tests and the demo that need a cycle to
 * exist use this.
 */
export async function makeCycle(
  db: Db,
  opts: {
    year: number;
    submissionDue: string;
    prereviewDue?: string;
    evaluationDue?: string;
    policyVersion?: number;
    openedBy?: number | null;
  },
): Promise<typeof assessmentCycles.$inferSelect> {
  const [system] = await db
    .insert(indicatorSystems)
    .values({
      title: `${DEFAULT_INDICATOR_SYSTEM_TITLE}（${opts.year}年）`,
      year: opts.year,
      status: 'frozen',
      body: DEFAULT_INDICATOR_SYSTEM,
      frozenAt: sql`now()`,
    })
    .returning();
  if (!system) throw new Error('indicator system not written');
  const [cycle] = await db
    .insert(assessmentCycles)
    .values({
      year: opts.year,
      title: `${opts.year}年度外综服中心考核评估`,
      notice: `请各中心于${opts.submissionDue}前提交${opts.year}年度考核材料。`,
      systemId: system.id,
      submissionDue: opts.submissionDue,
      prereviewDue: opts.prereviewDue ?? opts.submissionDue,
      evaluationDue: opts.evaluationDue ?? opts.submissionDue,
      policyVersion: opts.policyVersion ?? 1,
      openedBy: opts.openedBy ?? null,
    })
    .returning();
  if (!cycle) throw new Error('assessment cycle not written');
  return cycle;
}

/**
 * A centre's submission in a cycle, its scope columns copied from the centre; `agencyId` assigns it (status
 * 'assigned') as the province's assignment would. Written directly, without events: the submission use cases belong
 * to the submission work of issue 14.
 */
export async function makeSubmission(
  db: Db,
  opts: {
    cycleId: number;
    centreId: number;
    agencyId?: number | null;
    status?: (typeof assessmentSubmissions.$inferSelect)['status'];
  },
): Promise<typeof assessmentSubmissions.$inferSelect> {
  const [centre] = await db.select().from(centres).where(eq(centres.id, opts.centreId)).limit(1);
  if (!centre) throw new Error(`no centre ${opts.centreId}`);
  const agencyId = opts.agencyId ?? null;
  const [row] = await db
    .insert(assessmentSubmissions)
    .values({
      cycleId: opts.cycleId,
      centreId: centre.id,
      cityCode: centre.cityCode,
      countyCode: centre.countyCode,
      parkId: centre.parkId,
      status: opts.status ?? (agencyId ? 'assigned' : 'draft'),
      agencyId,
      assignedAt: agencyId ? sql`now()` : null,
    })
    .returning();
  if (!row) throw new Error('assessment submission not written');
  return row;
}
