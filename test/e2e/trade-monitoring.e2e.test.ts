import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deps, systemContext } from '../../src/server/context';
import { rowsOf } from '../../src/server/db/client';
import { loadDemo } from '../../src/server/demo/load-demo';
import { ingestDeclarations } from '../../src/server/modules/trade/ingest-declarations';
import { chromiumPath, E2E_POLL } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';
import { declaration, seedRates } from '../helpers/trade-data';

const POLL = E2E_POLL;
const executable = chromiumPath();
const year = new Date().getFullYear();

/**
 * Issue 13: the province opens 贸易监测, sees every city's trade of the year, drills into a city (its counties), and a
 * city's total links to the declarations list filtered by that city and year (that list is another page's).
 */
describe.skipIf(!executable)('browser: trade monitoring', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let serverDeps: Deps;

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      serverDeps = deps;
      await loadDemo(deps, TEST_PASSWORD);
      await seedRates(deps, new Date());
      const ents = rowsOf<{ credit_code: string; city_code: string }>(
        await deps.db.execute(sql`select distinct on (city_code) credit_code, city_code from enterprises
          where status = 'approved' and city_code in ('420100', '420500') order by city_code, id`),
      );
      const result = await ingestDeclarations(systemContext(deps, 'province'), {
        source: 'demo',
        channel: 'demo',
        enterpriseScope: sql`true`,
        declarations: ents.flatMap((e, i) => [
          declaration(e.credit_code, `${year}-01-1${i}`, { amount: `${(i + 1) * 1000}.00` }),
          declaration(e.credit_code, `${year - 1}-03-0${i + 1}`, { direction: 'import' }),
        ]),
      });
      if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.issues));
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('trade-monitoring');
  });

  it('drills from the province to a city and links a city’s total to its declarations', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'province');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.click('[data-testid="menu-tradeMonitoring"]');
    const regions = page.locator('[data-testid="trade-region-table"]');
    await regions.waitFor();
    await expect.poll(() => regions.innerText(), POLL).toContain('宜昌市');
    expect(await regions.innerText()).toContain('武汉市');
    expect(await page.locator('[data-testid="trade-month-chart"] canvas').count()).toBeGreaterThan(0);

    const total = page.locator('[data-testid="trade-region-total-420500"]');
    const href = new URL((await total.getAttribute('href')) as string, baseUrl);
    expect(href.pathname).toBe('/trade/declarations');
    expect(href.searchParams.get('cityCode')).toBe('420500');
    expect(href.searchParams.get('year')).toBe(String(year));

    // The city's name drills down on this page: its counties, the city in the address.
    await regions.getByRole('button', { name: '宜昌市' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cityCode'), POLL).toBe('420500');
    await expect.poll(() => page.locator('body').innerText(), POLL).toContain('各县市区');

    await page.goto(`${baseUrl}/trade?year=${year}`);
    await page.locator('[data-testid="trade-region-total-420500"]').click();
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/trade/declarations');
    const url = new URL(page.url());
    expect(url.searchParams.get('cityCode')).toBe('420500');
    expect(url.searchParams.get('year')).toBe(String(year));
    expect(errors).toEqual([]);
  });

  it('pages 新开口企业 on the server: page 2 is the route’s page 2, its names still link to the declarations', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'province');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // A year the page offers with more than one page of them (the demo's first year of trade: all its traders).
    let shown: number | undefined;
    for (let y = year; y > year - 5 && shown === undefined; y--) {
      const r = await page.request.get(`${baseUrl}/api/trade/monitoring/newly-trading?year=${y}&pageSize=1`);
      if ((await r.json()).total > 10) shown = y;
    }
    expect(shown).toBeDefined();
    const second = await (
      await page.request.get(`${baseUrl}/api/trade/monitoring/newly-trading?year=${shown}&page=2&pageSize=10`)
    ).json();
    await page.goto(`${baseUrl}/trade?year=${shown}`);
    const table = page.locator('[data-testid="trade-newly-table"]');
    const names = table.locator('tbody tr.ant-table-row td:first-child');
    await table.waitFor();
    await expect.poll(() => names.count(), POLL).toBe(10);
    const first = await names.allInnerTexts();
    const pager = page.locator('.ant-table-wrapper:has([data-testid="trade-newly-table"]) .ant-pagination');
    await pager.locator('.ant-pagination-item-2').click();
    await expect.poll(() => names.allInnerTexts(), POLL).toEqual(second.items.map((n: { name: string }) => n.name));
    expect(first).not.toEqual(await names.allInnerTexts());
    const link = new URL((await names.first().locator('a').getAttribute('href')) as string, baseUrl);
    expect(link.pathname).toBe('/trade/declarations');
    expect(link.searchParams.get('enterpriseId')).toBe(String(second.items[0].enterpriseId));
    expect(link.searchParams.get('year')).toBe(String(shown));
    expect(errors).toEqual([]);
  });

  it('shows a centre its served enterprises’ trade growing as their declarations arrive', async () => {
    // A demo centre, its operator account and an enterprise it has served (Art. 12 credits it with their trade).
    const [served] = rowsOf<{ credit_code: string; username: string }>(
      await serverDeps.db.execute(sql`select e.credit_code, u.username from trade_served s
        join enterprises e on e.id = s.enterprise_id and e.status = 'approved'
        join users u on u.centre_id = s.centre_id and u.role = 'operator'
        order by s.centre_id, s.enterprise_id limit 1`),
    );
    expect(served).toBeDefined();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', served?.username as string);
    await page.fill('#password', TEST_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const count = page.locator('[data-testid="trade-kpi-declarations"] .ant-statistic-content-value');
    const total = page.locator('[data-testid="trade-kpi-total"] .ant-statistic-content-value');
    const read = async (l: typeof count) => Number((await l.innerText()).replace(/[^\d.]/g, ''));
    await page.goto(`${baseUrl}/trade?year=${year}`);
    await count.waitFor();
    const before = { count: await read(count), total: await read(total) };

    const result = await ingestDeclarations(systemContext(serverDeps, 'province'), {
      source: 'demo',
      channel: 'demo',
      enterpriseScope: sql`true`,
      declarations: [
        declaration(served?.credit_code as string, `${year}-01-05`, { amount: '2000000.00' }),
        declaration(served?.credit_code as string, `${year}-01-06`, { amount: '3000000.00', direction: 'import' }),
      ],
    });
    expect(result.status).toBe('succeeded');
    await page.reload();
    await count.waitFor();
    await expect.poll(() => read(count), POLL).toBe(before.count + 2);
    // 5,000,000 元 more = 500 万元 on the total card.
    expect(Math.round((await read(total)) - before.total)).toBe(500);
  });
});
