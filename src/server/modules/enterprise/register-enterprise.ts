import { and, eq } from 'drizzle-orm';
import type { TEnterpriseRegistrationRequest, TEnterpriseStatus } from '../../../contracts/enterprise';
import { SECURITY } from '../../config';
import { auditContext, type RequestContext } from '../../context';
import { enterprises } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { hitRateLimit } from '../../lib/rate-limit';
import { beijingDay } from '../../policy/policy';
import { deliverOutbound, notify } from '../message/notify';
import { ENTERPRISE_STATUS_LABELS, findEnterpriseByCreditCode } from './enterprise.repository';
import { checkParticulars } from './enterprise-particulars';

export const enterpriseUsername = (creditCode: string) => `enterprise.${creditCode}`;

export function enterpriseExists(creditCode: string, status: TEnterpriseStatus): AppError {
  return new AppError('ENTERPRISE_EXISTS', {
    code: creditCode,
    field: 'creditCode',
    'statusLabel_zh-CN': ENTERPRISE_STATUS_LABELS[status]['zh-CN'],
    statusLabel_en: ENTERPRISE_STATUS_LABELS[status].en,
  });
}

/**
 * Public self-registration (SPEC §5): no sign-in; rate-limited per address. The registration waits for the centre
 * or the county (`pending`); the chosen password waits hashed on the row until then, and the reviewers get a
 * message. A code already on the platform is refused (the enterprise signs in, or its centre opens the account).
 */
export async function registerEnterprise(
  ctx: RequestContext,
  input: TEnterpriseRegistrationRequest,
): Promise<{ id: number; status: 'pending'; username: string }> {
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const hit = await hitRateLimit(db, `registration:ip:${ctx.ip ?? 'unknown'}`, now, SECURITY.loginRateWindowMs);
  if (hit.count > SECURITY.registrationRateLimitPerIp) {
    throw new AppError('AUTH_RATE_LIMITED', {
      retryAfter: Math.max(1, Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000)),
    });
  }
  const p = await checkParticulars(db, input, beijingDay(now));
  const existing = await findEnterpriseByCreditCode(db, p.creditCode);
  // A rejected registration may be made again, corrected; anything else on the platform is refused.
  if (existing && existing.status !== 'rejected') throw enterpriseExists(p.creditCode, existing.status);
  const passwordHash = await hashPassword(input.password);
  const { id, sent } = await db.transaction(async (tx) => {
    const values = { ...p, status: 'pending' as const, source: 'self' as const, pendingPasswordHash: passwordHash };
    const [row] = existing
      ? await tx
          .update(enterprises)
          .set({ ...values, reviewComment: null, version: existing.version + 1, updatedAt: now })
          .where(and(eq(enterprises.id, existing.id), eq(enterprises.version, existing.version)))
          .returning({ id: enterprises.id })
      : await tx
          .insert(enterprises)
          .values({ ...values, createdAt: now, updatedAt: now })
          .onConflictDoNothing({ target: enterprises.creditCode })
          .returning({ id: enterprises.id });
    // Two registrations of one code at once: the second finds the first's row.
    if (!row) throw enterpriseExists(p.creditCode, 'pending');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'enterprise.registered',
      objectType: 'enterprise',
      objectId: row.id,
      before: existing ? { status: existing.status, reviewComment: existing.reviewComment } : null,
      after: { ...p, status: 'pending', source: 'self' },
    });
    const sent = await notify(
      tx,
      { reviewersOfCounty: p.countyCode },
      {
        kind: 'enterprise.registered',
        params: { name: p.name, creditCode: p.creditCode },
        link: '/enterprises?status=pending',
        subject: `enterprise:${row.id}`,
        at: now,
      },
    );
    return { id: row.id, sent };
  });
  deliverOutbound(ctx.deps, sent);
  return { id, status: 'pending', username: enterpriseUsername(p.creditCode) };
}
