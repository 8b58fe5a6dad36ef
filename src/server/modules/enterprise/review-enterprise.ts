import { and, eq } from 'drizzle-orm';
import type { TEnterprise, TReviewEnterpriseRequest } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import { enterprises, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { enterpriseScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField, invalidTransition } from '../../lib/errors';
import { ENTERPRISE_STATUS_LABELS, enterpriseIdIs, findEnterprise } from './enterprise.repository';
import { enterpriseUsername } from './register-enterprise';

/**
 * The centre (operator) or the county bureau approves or rejects a registration in its reach. Approval opens the
 * account enterprise.<credit code> with the password chosen at registration; rejection states why.
 */
export async function reviewEnterprise(
  ctx: RequestContext,
  id: number,
  input: TReviewEnterpriseRequest,
): Promise<TEnterprise> {
  const user = requireAction(ctx.user, 'enterprise.review');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(enterprises)
    .where(enterpriseIdIs(id, enterpriseScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  if (row.status !== 'pending')
    throw invalidTransition(row.status, ENTERPRISE_STATUS_LABELS[row.status], {
      'zh-CN': input.decision === 'approve' ? '审核通过' : '退回',
      en: input.decision === 'approve' ? 'approve' : 'reject',
    });
  if (input.decision === 'reject' && !input.comment)
    throw invalidField('comment', { 'zh-CN': '退回须说明理由', en: 'a rejection must give its reason' });
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const username = enterpriseUsername(row.creditCode);
  if (input.decision === 'approve') {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
    if (taken) throw new AppError('USERNAME_TAKEN', { username, field: 'creditCode' });
  }
  const now = ctx.deps.clock();
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(enterprises)
      .set({
        status,
        reviewedBy: user.id || null,
        reviewedAt: now,
        reviewComment: input.comment ?? null,
        pendingPasswordHash: null,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(and(eq(enterprises.id, id), eq(enterprises.version, input.version), eq(enterprises.status, 'pending')))
      .returning({ id: enterprises.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    let accountId: number | null = null;
    if (status === 'approved' && row.pendingPasswordHash) {
      const [account] = await tx
        .insert(users)
        .values({
          username,
          displayName: row.name,
          role: 'enterprise',
          passwordHash: row.pendingPasswordHash,
          enterpriseId: row.id,
          isDemo: row.isDemo,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      accountId = account?.id ?? null;
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: status === 'approved' ? 'enterprise.approved' : 'enterprise.rejected',
      objectType: 'enterprise',
      objectId: id,
      before: { status: row.status, version: row.version },
      after: { status, comment: input.comment ?? null, account: accountId ? username : null, version: row.version + 1 },
    });
  });
  const out = await findEnterprise(db, eq(enterprises.id, id));
  if (!out) throw new Error(`enterprise ${id} vanished`);
  return out;
}
