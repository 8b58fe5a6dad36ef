import { type SQL, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/server/context';
import { rowsOf } from '../../src/server/db/client';
import { enterpriseCreditCode } from '../../src/server/demo/enterprise-factory';
import { loadDemo } from '../../src/server/demo/load-demo';
import { chromiumPath, E2E_POLL, submitSignIn } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');
const ZONE = 'Asia/Shanghai';
const PHONE = { width: 375, height: 812 };
/** Each test signs in one or two users on a machine that may be busy: sign-in and first render take their time. */
const SLOW = 180_000;

/**
 * Issue 11 in a real browser on the demo data: every role's home shows that role's own work. The expected rows are
 * found in the database (the demo's volumes change), never counted by hand.
 */
describe.skipIf(!executable)("browser: each role's home is its own work", () => {
  let e2e: E2eApp;
  let deps: Deps;
  let browser: Browser;
  let baseUrl: string;
  const pages: Page[] = [];
  const q = async <T>(query: SQL) => rowsOf<T>(await deps.db.execute(query));

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (d) => {
      deps = d;
      await loadDemo(d, TEST_PASSWORD);
    });
    ({ baseUrl, browser } = e2e);
    // The whole demo loads through the use cases: minutes on a busy machine.
  }, 900_000);
  afterAll(async () => {
    await e2e?.close('role-homes', pages);
  });

  async function home(username: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: ZONE, viewport });
    page.setDefaultTimeout(POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.locator('[data-testid="welcome-card"]').waitFor();
    return page;
  }
  /** The page does not scroll sideways: everything fits the window's width. */
  const fitsWidth = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it(
    'shows a county the enterprise registration waiting for it, opening the review list',
    async () => {
      const [county] = await q<{ region_code: string }>(
        sql`select region_code from users where role = 'county' and is_demo order by username limit 1`,
      );
      const code = county?.region_code ?? '';
      const name = '首页待审核示范贸易有限公司';
      const res = await fetch(`${baseUrl}/api/public/enterprise-registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          creditCode: enterpriseCreditCode(code, 9901),
          name,
          countyCode: code,
          contactPerson: '钱经理',
          contactPhone: '0717-6200001',
          hasTradeRecord: false,
          password: 'Home#2026reg',
        }),
      });
      expect(res.status, await res.text()).toBe(201);
      const page = await home(`county.${code}`);
      const list = page.locator('[data-testid="home-list-enterprisesPending"]');
      await expect.poll(() => list.innerText(), POLL).toContain(name);
      expect(await page.locator('[data-testid="home-scope"]').innerText()).toContain('管辖范围');
      await list.getByText(name).click();
      await expect.poll(() => page.url(), POLL).toContain('/enterprises?status=pending');
    },
    SLOW,
  );

  it(
    'shows the centre its requests waiting to be accepted, the longest waiting first',
    async () => {
      // Make sure one waits: an enterprise with an account asks the centre that served it before.
      const [asker] = await q<{ username: string; centre_id: number; category: string; sub_item: string }>(
        sql`select u.username, r.centre_id, r.category, r.sub_item from users u join service_records r on r.enterprise_id = u.enterprise_id
          join users o on o.centre_id = r.centre_id and o.role = 'operator'
          where u.role = 'enterprise' order by u.username limit 1`,
      );
      const enterprise = await home(asker?.username ?? '');
      const made = await enterprise.request.post(`${baseUrl}/api/service-records/requests`, {
        data: {
          centreId: asker?.centre_id,
          category: asker?.category,
          subItem: asker?.sub_item,
          requestText: '咨询出口政策。',
        },
      });
      expect(made.status(), await made.text()).toBe(201);
      const [oldest] = await q<{ number: string; n: number }>(
        sql`select number, count(*) over ()::int as n from service_records
          where centre_id = ${asker?.centre_id} and status = 'submitted' order by submitted_at, id limit 1`,
      );
      const page = await home(`operator.${asker?.centre_id}`);
      const list = page.locator('[data-testid="home-list-toAccept"]');
      await expect.poll(() => list.getAttribute('data-total'), POLL).toBe(String(oldest?.n));
      expect(await list.locator('[data-testid="home-item-link"]').first().innerText()).toContain(oldest?.number);
      for (const key of ['inProgress', 'unrated', 'rectificationsDue'])
        await page.locator(`[data-testid="home-list-${key}"]`).waitFor();
      await list.locator('[data-testid="home-item-link"]').first().click();
      await expect.poll(() => page.url(), POLL).toMatch(/\/services\/\d+$/);
    },
    SLOW,
  );

  it(
    'shows the enterprise its requests and what awaits its rating, and no park counts or scope',
    async () => {
      const [open] = await q<{ username: string; number: string }>(
        sql`select u.username, r.number from users u join service_records r on r.enterprise_id = u.enterprise_id
          where u.role = 'enterprise' and r.status in ('submitted', 'accepted', 'in_progress')
          order by r.submitted_at desc, r.id desc limit 1`,
      );
      for (const viewport of [{ width: 1440, height: 900 }, PHONE]) {
        const page = await home(open?.username ?? '', viewport);
        await expect
          .poll(() => page.locator('[data-testid="home-list-myOpenRequests"]').innerText(), POLL)
          .toContain(open?.number);
        await page.locator('[data-testid="home-list-myToRate"]').waitFor();
        await page.locator('[data-testid="home-messages"]').waitFor();
        const text = await page.locator('main').innerText();
        for (const word of ['开发区/园区', '管辖范围', '湖北省', '行政区划']) expect(text).not.toContain(word);
        expect(await page.locator('[data-testid="home-overview"]').count()).toBe(0);
        expect(await fitsWidth(page)).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'shows the province the overview by city and drills into a city by county',
    async () => {
      const cities = await q<{ code: string }>(sql`select code from regions where level = 'city' order by code`);
      const [county] = await q<{ name: string }>(
        sql`select name from regions where level = 'county' and city_code = '420100' order by code limit 1`,
      );
      const page = await home('province');
      const table = page.locator('[data-testid="overview-table-city"]');
      await table.waitFor();
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), POLL).toBe(cities.length);
      await page.click('[data-testid="overview-city-420100"]');
      const counties = page.locator('[data-testid="overview-counties-420100"]');
      await expect.poll(() => counties.innerText(), POLL).toContain(county?.name);
      // Oversight, not orders: the province is told what is overdue, not asked to answer it.
      const text = await page.locator('main').innerText();
      expect(text).toContain('逾期未答复');
      expect(text).not.toContain('请尽快');
      const phone = await home('province', PHONE);
      await phone.locator('[data-testid="overview-table-city"]').waitFor();
      expect(await fitsWidth(phone)).toBe(true);
    },
    SLOW,
  );

  it(
    'shows a city its own steps and its counties, a park its centre, an evaluator the tasks assigned to its agency',
    async () => {
      const city = await home('city.420500');
      for (const key of ['centresToForward', 'filingsToReport', 'changesToForward'])
        await city.locator(`[data-testid="home-list-${key}"]`).waitFor();
      const rows = city.locator('[data-testid="overview-table-county"] tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), POLL).toBeGreaterThan(1);
      expect(await city.locator('[data-testid="overview-table-county"]').innerText()).not.toContain('襄阳');

      const [park] = await q<{ username: string; name: string }>(
        sql`select u.username, c.name from users u join centres c on c.park_id = u.park_id
          where u.role = 'park' and c.status = 'operating' order by u.username limit 1`,
      );
      const parkPage = await home(park?.username ?? '');
      await expect
        .poll(() => parkPage.locator('[data-testid="home-park-centres"]').innerText(), POLL)
        .toContain(park?.name);

      // The demo's province has assigned what the cities passed to the agency (Art. 12(二)(3)): the evaluator's home
      // lists those centres with the evaluation deadline.
      const [assigned] = await q<{ name: string }>(
        sql`select c.name from assessment_submissions s join centres c on c.id = s.centre_id
          join users u on u.evaluator_id = s.agency_id where u.username = 'evaluator.1' order by c.id limit 1`,
      );
      expect(assigned?.name).toBeTruthy();
      const evaluator = await home('evaluator.1');
      await expect
        .poll(() => evaluator.locator('[data-testid="home-evaluator"]').innerText(), POLL)
        .toContain(assigned?.name ?? '—');
      expect(await evaluator.locator('[data-testid="home-evaluator"]').innerText()).toContain('评估截止');
    },
    SLOW,
  );
});
