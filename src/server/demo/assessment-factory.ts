import type { Db } from '../db/client';
import { evaluationAgencies } from '../db/schema';

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
