import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

/**
 * Serves the built web app (dist/web) and answers every other non-API path with index.html, so that the
 * browser router can take deep links. API paths that match no route get a JSON 404.
 */
export async function registerWeb(app: FastifyInstance, webDir: string) {
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET') {
      return sendError(request, reply, 'ROUTE_NOT_FOUND', 404, {});
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
