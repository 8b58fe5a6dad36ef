import { eq } from 'drizzle-orm';
import type { TUpdateUserRequest, TUser } from '../../../contracts/user';
import { auditContext, type RequestContext } from '../../context';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { type TAuditAction, writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { endAllSessions } from '../auth/session';
import { auditableUser, findUser } from './user.repository';

/**
 * Change a display name, or disable / re-enable an account. Disabling ends every session of the account in the same
 * transaction (等保 2.0): the user is signed out at the next request, on every instance.
 */
export async function updateUser(ctx: RequestContext, id: number, input: TUpdateUserRequest): Promise<TUser> {
  const admin = requireAction(ctx.user, 'user.update');
  const db = ctx.deps.db;
  const before = await auditableUser(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  if (input.disabled === true && id === admin.id) throw new AppError('CANNOT_DISABLE_SELF', { field: 'disabled' });
  const now = ctx.deps.clock();
  const action: TAuditAction =
    input.disabled === true && !before.disabled
      ? 'user.disabled'
      : input.disabled === false && before.disabled
        ? 'user.enabled'
        : 'user.updated';
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ ...input, updatedAt: now })
      .where(eq(users.id, id));
    const sessionsEnded = input.disabled === true ? await endAllSessions(tx, id) : 0;
    await writeAudit(tx, auditContext(ctx, now), {
      action,
      objectType: 'user',
      objectId: id,
      before,
      after: { ...(await auditableUser(tx, id)), sessionsEnded },
    });
  });
  const user = await findUser(db, id);
  if (!user) throw new Error(`user ${id} vanished after update`);
  return user;
}
