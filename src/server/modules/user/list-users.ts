import type { TUser, TUserListQuery } from '../../../contracts/user';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findUser, listUsers } from './user.repository';

export async function listUsersForAdmin(ctx: RequestContext, q: TUserListQuery, limit: number, offset: number) {
  requireAction(ctx.user, 'user.read');
  return listUsers(ctx.deps.db, q, limit, offset);
}

export async function getUser(ctx: RequestContext, id: number): Promise<TUser> {
  requireAction(ctx.user, 'user.read');
  const user = await findUser(ctx.deps.db, id);
  if (!user) throw new AppError('NOT_FOUND', { id });
  return user;
}
