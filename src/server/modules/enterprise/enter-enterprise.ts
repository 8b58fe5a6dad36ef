import { and, eq, type SQL } from 'drizzle-orm';
import type { TEnterpriseParticulars } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { enterprises } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { ENTERPRISE_STATUS_LABELS, findEnterpriseByCreditCode } from './enterprise.repository';
import { type CheckedParticulars, checkParticulars } from './enterprise-particulars';
import { enterpriseExists } from './register-enterprise';

/**
 * An enterprise entered by an officer who serves or knows it (a centre's walk-in, the demo): approved at once, no
 * account until it registers. Runs in the caller's transaction; audited there.
 */
export async function insertApprovedEnterprise(
  tx: Db,
  ctx: RequestContext,
  p: CheckedParticulars,
  now: Date,
  opts: { isDemo?: boolean } = {},
): Promise<number> {
  const [row] = await tx
    .insert(enterprises)
    .values({
      ...p,
      status: 'approved',
      source: 'centre',
      isDemo: opts.isDemo ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: enterprises.creditCode })
    .returning({ id: enterprises.id });
  if (!row) throw enterpriseExists(p.creditCode, 'approved');
  await writeAudit(tx, auditContext(ctx, now), {
    action: 'enterprise.created',
    objectType: 'enterprise',
    objectId: row.id,
    after: { ...p, status: 'approved', source: 'centre' },
  });
  return row.id;
}

/**
 * The enterprise a centre's record is for: found by credit code when already on the platform (it must not be a
 * rejected or pending registration), else entered approved. The refusal of a registration not approved names only
 * the credit code the caller typed, not the company or whether it waits or was rejected (decision 0009): the
 * registration may be anywhere in Hubei, outside the caller's scope.
 */
export async function resolveEnterprise(
  ctx: RequestContext,
  input: TEnterpriseParticulars,
): Promise<{ existingId: number | null; particulars: CheckedParticulars | null }> {
  const db = ctx.deps.db;
  const p = await checkParticulars(db, input, beijingDay(ctx.deps.clock()));
  const existing = await findEnterpriseByCreditCode(db, p.creditCode);
  if (!existing) return { existingId: null, particulars: p };
  if (existing.status !== 'approved') throw new AppError('ENTERPRISE_NOT_SERVABLE', { code: p.creditCode });
  return { existingId: existing.id, particulars: null };
}

export function notApproved(e: { name: string; status: 'pending' | 'approved' | 'rejected' }): AppError {
  const label = ENTERPRISE_STATUS_LABELS[e.status];
  return new AppError('ENTERPRISE_NOT_APPROVED', {
    name: e.name,
    'statusLabel_zh-CN': label['zh-CN'],
    statusLabel_en: label.en,
  });
}

/** The enterprise with this id, within `scope` when given (the caller's enterpriseScope). */
export async function enterpriseById(db: Db, id: number, scope?: SQL) {
  const [row] = await db
    .select()
    .from(enterprises)
    .where(scope ? and(eq(enterprises.id, id), scope) : eq(enterprises.id, id))
    .limit(1);
  return row ?? null;
}
