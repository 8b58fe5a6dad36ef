import { eq } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import { sessions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';

/** Destroy the server-side session, so that the cookie is worthless even if it was copied. */
export async function logout(ctx: RequestContext): Promise<void> {
  const user = ctx.user;
  if (!user) return;
  await ctx.deps.db.transaction(async (tx) => {
    const deleted = await tx.delete(sessions).where(eq(sessions.tokenHash, user.sessionTokenHash)).returning();
    if (deleted.length === 0) return;
    await writeAudit(tx, auditContext(ctx), { action: 'auth.logout', objectType: 'user', objectId: user.id });
  });
}
