import { eq } from 'drizzle-orm';
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
 * rejected or pending registration), else entered approved.
 */
export async function resolveEnterprise(
  ctx: RequestContext,
  input: TEnterpriseParticulars,
): Promise<{ existingId: number | null; particulars: CheckedParticulars | null }> {
  const db = ctx.deps.db;
  const p = await checkParticulars(db, input, beijingDay(ctx.deps.clock()));
  const existing = await findEnterpriseByCreditCode(db, p.creditCode);
  if (!existing) return { existingId: null, particulars: p };
  if (existing.status !== 'approved') throw notApproved(existing);
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

export async function enterpriseById(db: Db, id: number) {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id)).limit(1);
  return row ?? null;
}
