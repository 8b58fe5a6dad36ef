import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { ZMessage, ZMessageListQuery, ZUnreadCount } from '../../../contracts/message';
import { countMyUnread, listMyMessages, markAllMessagesRead, markMessageRead } from './my-messages';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const TAGS = ['messages'];

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
    async (request) => listMyMessages(request.ctx, request.query),
  );

  app.get(
    '/api/messages/unread-count',
    {
      config: { action: 'message.read' },
      schema: { tags: TAGS, summary: '未读消息数 / Unread count', response: { 200: ZUnreadCount, ...errors } },
    },
    async (request) => countMyUnread(request.ctx),
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
    async (request) => markMessageRead(request.ctx, request.params.id),
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
    async (request) => markAllMessagesRead(request.ctx),
  );
};
