import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { type TMessage, ZMessage, ZMessageListQuery, ZUnreadCount } from '../../../contracts/message';
import { auditContext } from '../../context';
import { messages } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const TAGS = ['messages'];

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

/** 站内消息: each user's own box; nobody reads another's (the user id comes from the session, never the URL). */
export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/messages',
    {
      config: { action: 'message.read' },
      schema: {
        tags: TAGS,
        summary: '我的站内消息 / My messages',
        querystring: ZMessageListQuery,
        response: { 200: zListOf(ZMessage), ...errors },
      },
    },
    async (request) => {
      const user = requireAction(request.ctx.user, 'message.read');
      const q = request.query;
      const conds: SQL[] = [eq(messages.userId, user.id)];
      if (q.unread === 'true') conds.push(isNull(messages.readAt));
      const where = and(...conds);
      const db = request.ctx.deps.db;
      const [rows, total] = await Promise.all([
        db
          .select()
          .from(messages)
          .where(where)
          .orderBy(desc(messages.createdAt), desc(messages.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(messages).where(where),
      ]);
      return { items: rows.map(present), total: total[0]?.n ?? 0 };
    },
  );

  app.get(
    '/api/messages/unread-count',
    {
      config: { action: 'message.read' },
      schema: { tags: TAGS, summary: '未读消息数 / Unread count', response: { 200: ZUnreadCount, ...errors } },
    },
    async (request) => {
      const user = requireAction(request.ctx.user, 'message.read');
      const [row] = await request.ctx.deps.db
        .select({ n: count() })
        .from(messages)
        .where(and(eq(messages.userId, user.id), isNull(messages.readAt)));
      return { unread: row?.n ?? 0 };
    },
  );

  app.post(
    '/api/messages/:id/read',
    {
      config: { action: 'message.read' },
      schema: {
        tags: TAGS,
        summary: '标记已读 / Mark a message read',
        params: ZIdParam,
        response: { 200: ZMessage, ...errors },
      },
    },
    async (request) => {
      const user = requireAction(request.ctx.user, 'message.read');
      const ctx = request.ctx;
      const now = ctx.deps.clock();
      return ctx.deps.db.transaction(async (tx) => {
        const [m] = await tx
          .select()
          .from(messages)
          .where(and(eq(messages.id, request.params.id), eq(messages.userId, user.id)))
          .limit(1);
        if (!m) throw new AppError('NOT_FOUND', { id: request.params.id });
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
    },
  );

  app.post(
    '/api/messages/read-all',
    {
      config: { action: 'message.read' },
      schema: {
        tags: TAGS,
        summary: '全部标记已读 / Mark all read',
        response: { 200: z.object({ updated: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const user = requireAction(request.ctx.user, 'message.read');
      const ctx = request.ctx;
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
    },
  );
};
