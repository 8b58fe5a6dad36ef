import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import {
  ZCreateUserRequest,
  ZResetPasswordRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserListQuery,
} from '../../../contracts/user';
import { yesNo } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { createUser } from './create-user';
import { getUser, listUsersForAdmin } from './list-users';
import { resetPassword } from './reset-password';
import { unlockUser } from './unlock-user';
import { updateUser } from './update-user';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      config: { action: 'user.read' },
      schema: {
        tags: ['users'],
        summary: '用户列表（系统管理员）/ List accounts (administrator)',
        querystring: ZUserListQuery,
        response: { 200: zListOf(ZUser), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listUsersForAdmin(c, q, limit, offset), {
        fileName: { 'zh-CN': '用户', en: 'users' },
        sheetName: { 'zh-CN': '用户', en: 'Users' },
        columns: (l, en) => [
          { header: en ? 'Username' : '用户名', value: (u) => u.username, width: 28 },
          { header: en ? 'Name' : '姓名/名称', value: (u) => u.displayName, width: 28 },
          { header: en ? 'Role' : '角色', value: (u) => u.role, width: 12 },
          { header: en ? 'Region' : '行政区划', value: (u) => u.regionName, width: 16 },
          { header: en ? 'Park' : '园区', value: (u) => u.parkName, width: 30 },
          { header: en ? 'Disabled' : '已停用', value: (u) => yesNo(u.disabled, l), width: 8 },
        ],
      });
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { action: 'user.read' },
      schema: {
        tags: ['users'],
        summary: '用户详情 / One account',
        params: ZIdParam,
        response: { 200: ZUser, ...errors },
      },
    },
    async (request) => getUser(request.ctx, request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { action: 'user.create' },
      schema: {
        tags: ['users'],
        summary: '新建用户 / Create an account',
        body: ZCreateUserRequest,
        response: { 201: ZUser, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser({ ctx: request.ctx, input: request.body })),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { action: 'user.update' },
      schema: {
        tags: ['users'],
        summary: '修改、停用或启用用户 / Rename, disable or enable an account',
        params: ZIdParam,
        body: ZUpdateUserRequest,
        response: { 200: ZUser, ...errors },
      },
    },
    async (request) => updateUser(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { action: 'user.unlock' },
      schema: {
        tags: ['users'],
        summary: '解除锁定 / Lift a lockout',
        params: ZIdParam,
        response: { 200: ZUser, ...errors },
      },
    },
    async (request) => unlockUser(request.ctx, request.params.id),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { action: 'user.resetPassword' },
      schema: {
        tags: ['users'],
        summary: '重置密码 / Set a new password',
        params: ZIdParam,
        body: ZResetPasswordRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword(request.ctx, request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};
