import type { FastifyInstance } from 'fastify';
import type { TAction } from '../../contracts/access';
import { SECURITY } from '../config';
import type { Deps, RequestContext } from '../context';
import { can } from '../lib/access/permissions';
import type { SessionUser } from '../lib/access/session-user';
import { AppError, localeOf } from '../lib/errors';
import { resolveSession } from '../modules/auth/session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The action this route performs; the role check happens before the body is even validated. */
    action?: TAction;
    /** No sign-in needed (health, public pages, sign-in itself). */
    public?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    ctx: RequestContext;
  }
}

/**
 * Session → user → role check, for every /api route. Routes must declare `config.action` or `config.public`;
 * one that declares neither fails at start-up, so no route can slip through unchecked.
 */
export function registerAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('user', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = route.config as { action?: TAction; public?: boolean } | undefined;
    if (!config?.action && !config?.public) {
      throw new Error(`route ${route.method} ${route.url} declares neither config.action nor config.public`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Pages and assets of the web app, and the API's own documentation, are public; the API is where data lives.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const config = request.routeOptions.config as { action?: TAction; public?: boolean; url?: string } | undefined;
    const locale = localeOf(request);
    let sessionExpired = false;
    const token = request.cookies[SECURITY.cookieName];
    if (token) {
      const found = await resolveSession(deps, token, request.ip, request.id);
      if (found && 'user' in found) request.user = found.user;
      else {
        sessionExpired = found !== null;
        reply.clearCookie(SECURITY.cookieName, { path: '/' });
      }
    }
    request.ctx = { deps, user: request.user, ip: request.ip ?? null, requestId: request.id, locale };
    // No matched route (404) or a public one.
    if (!config?.url || config.public) return;
    if (!request.user) throw new AppError(sessionExpired ? 'AUTH_SESSION_EXPIRED' : 'AUTH_REQUIRED');
    if (config.action && !can(request.user.role, config.action)) {
      throw new AppError('FORBIDDEN', { action: config.action, role: request.user.role });
    }
  });
}
