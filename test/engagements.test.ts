import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

describe('operator engagement (Art. 10(三)): tender, agreement, report, filing', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    for (const u of ['province', 'city.420500', 'county.420502']) cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  it('filing turns the centre operating and shows its operator on the public list', async () => {
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    const operator = await makeOperator(t.deps, { serial: 11 });
    const reported = await makeEngagement(t.deps, { centre, operator, target: 'reported', withContract: true });
    expect(reported.status).toBe('reported');
    expect(reported.filingVerdict?.ok).toBe(true);
    const res = await as(t.app, cookies.province ?? '', {
      method: 'POST',
      url: `/api/engagements/${reported.id}/file`,
      payload: { version: reported.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().filingNumber).toMatch(/^鄂商务外综备〔\d{4}〕1号$/);
    const c = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/centres/${centre.id}` });
    expect(c.json()).toMatchObject({ status: 'operating', operatorName: operator.name });
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=200' });
    expect(pub.json().items.find((x: { id: number }) => x.id === centre.id)?.operatorName).toBe(operator.name);
    const filings = await t.app.inject({ method: 'GET', url: '/api/public/filings' });
    expect(filings.json().items.map((f: { centreName: string }) => f.centreName)).toContain(centre.name);
  });
});
