import { eq } from 'drizzle-orm';
import type { TCreateUserRequest, TUser } from '../../../contracts/user';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { auditableUser, findUser } from './user.repository';
import { validateUserScope } from './validate-user-scope';

export interface CreateUserOptions {
  ctx: RequestContext;
  input: TCreateUserRequest;
  /** Demo accounts share one precomputed hash, so that loading ~200 of them does not take minutes. */
  passwordHash?: string;
  isDemo?: boolean;
  /** Test world only: the account's centre or agency is created after it (validateUserScope). */
  scopeMayFollow?: boolean;
}

async function usernameTaken(db: Db, username: string) {
  return (await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1)).length > 0;
}

/** SPEC §1: the administrator keeps user accounts; every account has a role and a scope that points at real data. */
export async function createUser({
  ctx,
  input,
  passwordHash,
  isDemo = false,
  scopeMayFollow = false,
}: CreateUserOptions): Promise<TUser> {
  requireAction(ctx.user, 'user.create');
  const db = ctx.deps.db;
  if (await usernameTaken(db, input.username)) {
    throw new AppError('USERNAME_TAKEN', { username: input.username, field: 'username' });
  }
  const scope = await validateUserScope(db, input, { scopeMayFollow });
  const hash = passwordHash ?? (await hashPassword(input.password));
  const now = ctx.deps.clock();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: hash,
        ...scope,
        isDemo,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'user.created',
      objectType: 'user',
      objectId: row.id,
      after: await auditableUser(tx, row.id),
    });
    return row.id;
  });
  const user = await findUser(db, id);
  if (!user) throw new Error(`user ${id} vanished after insert`);
  return user;
}
