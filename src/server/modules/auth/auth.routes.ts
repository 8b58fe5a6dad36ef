import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChangePasswordRequest, ZLocaleRequest, ZLoginRequest, ZMeResponse } from '../../../contracts/auth';
import { ZErrorBody } from '../../../contracts/common';
import { SECURITY } from '../../config';
import type { Deps } from '../../context';
import { setSessionCookie } from '../../plugins/context';
import { auditInvalidSignIn } from './audit-invalid-sign-in';
import { changePassword } from './change-password';
import { login } from './login';
import { logout } from './logout';
import { getMe, setMyLocale } from './me';
import { resolveSession } from './session';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 423: ZErrorBody, 429: ZErrorBody };

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        // A sign-in refused for its input is a failed sign-in too: audited before the 400.
        config: { public: true, onInvalidInput: (request) => auditInvalidSignIn(request.ctx, request.body) },
        schema: {
          tags: ['auth'],
          summary: '登录 / Sign in (sets the session cookie)',
          security: [],
          body: ZLoginRequest,
          response: { 200: ZMeResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { token } = await login({
          ctx: request.ctx,
          input: request.body,
          userAgent: request.headers['user-agent'] ?? null,
          previousTokenHash: request.user?.sessionTokenHash ?? null,
        });
        setSessionCookie(reply, token, deps.config.cookieSecure);
        const found = await resolveSession(deps, token, request.ip, request.id);
        if (!found || !('user' in found)) throw new Error('new session not found');
        return getMe({ ...request.ctx, user: found.user });
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { public: true },
        schema: { tags: ['auth'], summary: '退出登录 / Sign out (destroys the session)', response: { 204: z.null() } },
      },
      async (request, reply) => {
        await logout(request.ctx);
        reply.clearCookie(SECURITY.cookieName, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        config: { action: 'me.read' },
        schema: { tags: ['auth'], summary: '当前用户 / Who am I', response: { 200: ZMeResponse, 401: ZErrorBody } },
      },
      async (request) => getMe(request.ctx),
    );

    app.put(
      '/api/me/locale',
      {
        config: { action: 'me.update' },
        schema: {
          tags: ['auth'],
          summary: '界面语言 / Interface language',
          body: ZLocaleRequest,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await setMyLocale(request.ctx, request.body.locale);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/me/password',
      {
        config: { action: 'me.changePassword' },
        schema: {
          tags: ['auth'],
          summary: '修改密码 / Change my password',
          body: ZChangePasswordRequest,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { token } = await changePassword(request.ctx, request.body, request.headers['user-agent'] ?? null);
        setSessionCookie(reply, token, deps.config.cookieSecure);
        return reply.status(204).send(null);
      },
    );
  };
}
