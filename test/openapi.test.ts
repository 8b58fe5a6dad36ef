import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app';

/** Write routes that take no body: the path says everything. */
const BODYLESS = new Set([
  '/api/auth/logout',
  '/api/users/:id/unlock',
  '/api/operators/:id/identity',
  '/api/messages/:id/read',
  '/api/messages/read-all',
  // 立即备份 takes nothing: what to back up and where come from the configuration.
  '/api/admin/backups',
  // A re-run takes nothing: the run's kept input (or its request) is what runs again.
  '/api/exchange/runs/:id/rerun',
  // Confirming takes nothing: what is confirmed is the score stored; publishing publishes the cycle's confirmed ones.
  '/api/assessment/submissions/:id/confirm',
  '/api/assessment/cycles/:id/publish',
]);

describe('the API document (SPEC §8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('is served without sign-in at /api/openapi.json, with readable docs at /api/docs', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('documents every API route with its request and response schemas', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<
      string,
      Record<string, { responses?: Record<string, unknown>; requestBody?: unknown; parameters?: unknown[] }>
    >;
    const routes = t.app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json',
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} missing from the document`).toBeDefined();
      expect(Object.keys(op?.responses ?? {}), `${r.method} ${r.url} has no responses`).not.toHaveLength(0);
      if (['POST', 'PATCH', 'PUT'].includes(r.method) && !BODYLESS.has(r.url)) {
        expect(op?.requestBody, `${r.method} ${r.url} has no request body schema`).toBeDefined();
      }
    }
  });

  it('answers an unknown API path with a JSON 404 in the request language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'No such API route' });
  });

  it('answers /healthz with 200 while the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });
});
