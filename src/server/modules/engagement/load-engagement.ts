import type { TAction } from '../../../contracts/access';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import type { PolicyInForce } from '../../policy/policy';
import { engagementPolicy } from './engagement.presenter';
import { type EngagementRow, engagementScope, findEngagement } from './engagement.repository';

/** Scope first (404), then role (403), then the version the officer saw (409): every write starts here. */
export async function loadForWrite(
  ctx: RequestContext,
  id: number,
  action: TAction,
  version: number,
): Promise<{ row: EngagementRow; user: SessionUser; policy: PolicyInForce; today: string; now: Date }> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findEngagement(ctx.deps.db, engagementScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, action);
  if (row.e.version !== version) throw new AppError('VERSION_CONFLICT', { id, version });
  const { policy, today } = await engagementPolicy(ctx);
  return { row, user, policy, today, now: ctx.deps.clock() };
}
