import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { TMessage, TMessageListQuery } from '../../../contracts/message';
import { auditContext, type RequestContext } from '../../context';
import { messages } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { countCapped, totalFields } from '../../lib/list-count';

// 站内消息: each user's own box; nobody reads another's (the user id comes from the session, never the URL).

function present(m: typeof messages.$inferSelect): TMessage {
  return {
    id: m.id,
    kind: m.kind as TMessage['kind'],
    params: m.params,
    link: m.link,
    readAt: m.readAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}

/** One page of the caller's messages, newest first; `unread=true` leaves out those already read. */
export async function listMyMessages(ctx: RequestContext, q: TMessageListQuery) {
  const user = requireAction(ctx.user, 'message.read');
  const conds: SQL[] = [eq(messages.userId, user.id)];
  if (q.unread === 'true') conds.push(isNull(messages.readAt));
  const where = and(...conds);
  const db = ctx.deps.db;
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(messages)
      .where(where)
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    // A centre's box collects a message for every request and rating for years: capped (decision 0017). The unread
    // badge (countMyUnread) stays exact.
    countCapped(db, db.select({ one: sql`1` }).from(messages).where(where), ctx.deps.config.listCountCap),
  ]);
  return { items: rows.map(present), ...totalFields(total) };
}

export async function countMyUnread(ctx: RequestContext) {
  const user = requireAction(ctx.user, 'message.read');
  const [row] = await ctx.deps.db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.userId, user.id), isNull(messages.readAt)));
  return { unread: row?.n ?? 0 };
}

/** Mark one of the caller's messages read (another's is not found); reading it twice changes nothing. */
export async function markMessageRead(ctx: RequestContext, id: number) {
  const user = requireAction(ctx.user, 'message.read');
  const now = ctx.deps.clock();
  return ctx.deps.db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.id, id), eq(messages.userId, user.id)))
      .limit(1);
    if (!m) throw new AppError('NOT_FOUND', { id });
    if (m.readAt) return present(m);
    const [updated] = await tx.update(messages).set({ readAt: now }).where(eq(messages.id, m.id)).returning();
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'message.read',
      objectType: 'message',
      objectId: m.id,
      after: { count: 1 },
    });
    return present(updated ?? m);
  });
}

/** Mark all the caller's unread messages read; one audit entry counts them, none when there were none. */
export async function markAllMessagesRead(ctx: RequestContext) {
  const user = requireAction(ctx.user, 'message.read');
  const now = ctx.deps.clock();
  return ctx.deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ readAt: now })
      .where(and(eq(messages.userId, user.id), isNull(messages.readAt)))
      .returning({ id: messages.id });
    if (rows.length)
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'message.read',
        objectType: 'message',
        objectId: null,
        after: { count: rows.length },
      });
    return { updated: rows.length };
  });
}
