import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('a city officer lists only the parks of its city', async () => {
    const cookie = await loginAs(t.app, 'city.420500');
    const res = await as(t.app, cookie, { method: 'GET', url: '/api/parks' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(['宜昌高新技术产业开发区', '枝江经济开发区'].sort());
  });

  // Issue 10: refusals Fastify makes before routing come in the API's shape, never its default one.
  it('answers an undecodable address and an over-long path parameter in the API error shape', async () => {
    const cookie = await loginAs(t.app, 'province');
    const bad = await as(t.app, cookie, { method: 'GET', url: '/api/centres/%ff' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'url' }] } });
    const long = await as(t.app, cookie, { method: 'GET', url: `/api/centres/${'9'.repeat(400)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ code: 'URI_TOO_LONG', message: '请求地址中的参数过长', details: expect.any(Object) });
    expect(long.body).not.toContain('9'.repeat(400));
  });
});
