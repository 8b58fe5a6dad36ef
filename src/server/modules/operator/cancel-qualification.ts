import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { operators } from '../../db/schema';

type QualificationStatus = 'qualified' | 'disqualified' | 'blacklisted';
const SEVERITY: Record<QualificationStatus, number> = { qualified: 0, disqualified: 1, blacklisted: 2 };

/**
 * Art. 12(三)(2), 13, 14: the operator's qualification is cancelled (status disqualified, or blacklisted under Art. 14
 * which also cancels it), in the caller's transaction — the caller (the province's decision, sanction module) writes
 * the audit entry and ends the engagements. The status only ever gets stricter: a blacklisted operator stays
 * blacklisted, a disqualified one may be blacklisted. The row is locked, so the caller may check `before` and
 * refuse (throwing rolls the change back). Returns the status before and after.
 */
export async function markQualificationCancelled(
  tx: Db,
  opts: { operatorId: number; at: Date; to?: 'disqualified' | 'blacklisted' },
): Promise<{ before: QualificationStatus; after: QualificationStatus } | null> {
  const to = opts.to ?? 'disqualified';
  const [row] = await tx
    .select({ status: operators.qualificationStatus })
    .from(operators)
    .where(eq(operators.id, opts.operatorId))
    .for('update');
  if (!row) return null;
  if (SEVERITY[row.status] >= SEVERITY[to]) return { before: row.status, after: row.status };
  await tx
    .update(operators)
    .set({ qualificationStatus: to, version: sql`${operators.version} + 1`, updatedAt: opts.at })
    .where(eq(operators.id, opts.operatorId));
  return { before: row.status, after: to };
}
