import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { operators } from '../../db/schema';

/**
 * Art. 12(三)(2), 13: the operator's qualification is cancelled (status disqualified), in the caller's transaction —
 * the caller (the province's confirmed decision) writes the audit entry and ends the engagements. A blacklisted
 * operator stays blacklisted (Art. 14 is the stricter status). Returns the status before and after.
 */
export async function markQualificationCancelled(
  tx: Db,
  opts: { operatorId: number; at: Date },
): Promise<{ before: string; after: string } | null> {
  const [row] = await tx
    .select({ status: operators.qualificationStatus })
    .from(operators)
    .where(eq(operators.id, opts.operatorId))
    .for('update');
  if (!row) return null;
  if (row.status !== 'qualified') return { before: row.status, after: row.status };
  await tx
    .update(operators)
    .set({ qualificationStatus: 'disqualified', version: sql`${operators.version} + 1`, updatedAt: opts.at })
    .where(eq(operators.id, opts.operatorId));
  return { before: row.status, after: 'disqualified' };
}
