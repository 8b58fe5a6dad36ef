import type { TOperatorChange } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { AppError } from '../../lib/errors';
import { engagementPolicy } from './engagement.presenter';
import { findOperatorChange, operatorChangeScope, toOperatorChange } from './operator-change.repository';

export async function getOperatorChange(ctx: RequestContext, id: number): Promise<TOperatorChange> {
  const user = ctx.user;
  if (!user) throw new AppError('AUTH_REQUIRED');
  const row = await findOperatorChange(ctx.deps.db, operatorChangeScope(user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const { timeline } = await engagementPolicy(ctx);
  return toOperatorChange(row, user, timeline);
}
