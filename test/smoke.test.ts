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
});
