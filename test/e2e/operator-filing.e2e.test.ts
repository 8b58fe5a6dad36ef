import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBILITY_ITEMS, REQUIRED_MATERIALS } from '../../src/contracts/engagement';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import {
  chromiumPath,
  clickInModal,
  E2E_POLL,
  fillDate,
  pick,
  submitSignIn,
  waitForOrReport,
} from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

/** Pages render on a busy 2-core machine: allow them time, the assertions stay the same. */
const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/** The server counts days in Beijing; the browser is put in the same zone, so "today" is one day for both. */
const ZONE = 'Asia/Shanghai';
function beijingDay(offsetDays = 0): string {
  const at = new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

const PDF = Buffer.from('%PDF-1.4\n% material\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/**
 * Art. 10(三) in a real browser: the county records the tender that chose the operator of an approved centre, uploads
 * the six required materials, confirms the eligibility checklist and records the tripartite agreement; the city
 * reports it from its 待我处理 list; the province files it; the centre is then operating, and a visitor on a phone
 * sees its operator on the public page.
 */
describe.skipIf(!executable)('browser: engaging and filing an operator', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let centreName = '';
  const operatorName = '湖北示例外贸综合服务有限公司41';
  const pages: Page[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      const park = await makePark(deps, {
        name: '宜昌夷陵经济开发区',
        kind: 'economic_dev_zone',
        level: 'provincial',
        countyCode: '420506',
      });
      await makeUser(deps, {
        username: 'county.420506',
        role: 'county',
        regionCode: park.countyCode,
        password: TEST_PASSWORD,
      });
      await makeUser(deps, { username: 'city.420500', role: 'city', regionCode: '420500', password: TEST_PASSWORD });
      await makeUser(deps, { username: 'province', role: 'province', password: TEST_PASSWORD });
      const centre = await makeCentre(deps, { park, target: 'approved' });
      centreName = centre.name;
      const operator = await makeOperator(deps, { serial: 41 });
      expect(operator.name).toBe(operatorName);
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('operator-filing', pages);
  });

  async function signIn(username: string, menu: 'centres' | 'engagements'): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: ZONE, viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.click(`[data-testid="menu-${menu}"]`);
    await page
      .locator(menu === 'centres' ? '[data-testid="centre-table"]' : '[data-testid="engagement-table"]')
      .waitFor();
    return page;
  }

  /** From the engagement list's 待我处理 tab, open the one engagement waiting there. */
  async function openAwaiting(page: Page) {
    await page.click('[data-testid="tab-awaiting"]');
    const row = page.locator('[data-testid="engagement-row"]', { hasText: centreName });
    await expect.poll(() => row.count(), POLL).toBe(1);
    await row.click();
    await waitForOrReport(page, '[data-testid="engagement-panel"]');
  }

  async function step(page: Page, action: 'report' | 'file') {
    await page.click(`[data-testid="engagement-action-${action}"]`);
    await clickInModal(page, '[data-testid="engagement-confirm"]');
  }

  it('goes from the county tender to the public page', { timeout: 180_000 }, async () => {
    const county = await signIn('county.420506', 'centres');
    await county.locator('[data-testid="centre-row"]', { hasText: centreName }).getByText(centreName).click();
    await waitForOrReport(county, '[data-testid="engagement-tender"]');

    // The tender: the operator (prefilled as the winning bidder), the project, the dates and the amount.
    // The operators load with the form; pick from the full list, as a county officer would once it shows.
    const operatorsLoaded = county.waitForResponse((r) => r.url().includes('/api/operators') && r.ok());
    await county.click('[data-testid="engagement-tender"]');
    const tender = county.locator('[data-testid="tender-form"]');
    await tender.waitFor();
    await operatorsLoaded;
    await pick(county, '#operatorId', operatorName);
    await expect.poll(() => tender.locator('.ant-select-content').first().innerText(), POLL).toContain(operatorName);
    await expect.poll(() => county.inputValue('#bidders_0_name'), POLL).toBe(operatorName);
    await county.fill('#projectNumber', 'YLCG-2026-018');
    await fillDate(county, '#announcedOn', beijingDay(-30));
    await fillDate(county, '#awardedOn', beijingDay(-10));
    await fillDate(county, '#serviceStart', beijingDay(-10));
    await county.fill('#contractAmount', '500000');
    await county.click('[data-testid="tender-submit"]');
    await waitForOrReport(county, '[data-testid="engagement-status"][data-status="tendered"]');
    expect(await county.locator('[data-testid="engagement-operator"]').innerText()).toContain(operatorName);

    // Art. 10(二): the six required materials, one file each.
    for (const kind of REQUIRED_MATERIALS) {
      await county.setInputFiles(`[data-testid="material-upload-${kind}"]`, {
        name: 'x.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      const row = county.locator(`[data-testid="material-row"][data-kind="${kind}"]`);
      await expect.poll(() => row.locator('[data-testid="attachment-link"]').count(), POLL).toBe(1);
    }
    await expect.poll(() => county.locator('[data-testid="material-missing"]').count(), POLL).toBe(0);

    // Art. 10(一): every condition confirmed, with what was checked.
    for (const item of ELIGIBILITY_ITEMS) {
      await county.check(`[data-testid="checklist-confirm-${item}"]`);
      await county.fill(`[data-testid="checklist-evidence-${item}"]`, `已查验相关证照及信用中国查询结果（${item}）`);
    }
    await county.click('[data-testid="checklist-save"]');
    await expect.poll(() => county.locator('[data-testid="engagement-readiness"]').count(), POLL).toBe(0);

    // The tripartite agreement with one fund-use line; the parties come prefilled from the county and the park.
    await county.click('[data-testid="engagement-action-sign"]');
    const agreement = county.locator('[data-testid="agreement-form"]');
    await agreement.waitFor();
    await fillDate(county, '#signedOn', beijingDay(0));
    await county.fill('#agreementNumber', 'YLXY-2026-003');
    expect(await county.inputValue('#countyParty')).toContain('商务局');
    expect(await county.inputValue('#parkParty')).toContain('宜昌夷陵经济开发区');
    await county.fill('#fundScope_0_item', '中心运营补助');
    await county.fill('#fundScope_0_amount', '300000');
    await expect.poll(() => county.locator('[data-testid="fund-form-total"]').innerText(), POLL).toContain('30 万元');
    await county.click('[data-testid="agreement-submit"]');
    await waitForOrReport(county, '[data-testid="engagement-status"][data-status="signed"]');
    await expect
      .poll(() => county.locator('[data-testid="engagement-filing-verdict"]').getAttribute('data-ok'), POLL)
      .toBe('true');

    // The city reports it from what waits for it.
    const city = await signIn('city.420500', 'engagements');
    await openAwaiting(city);
    await step(city, 'report');
    await waitForOrReport(city, '[data-testid="engagement-status"][data-status="reported"]');

    // The province files it; the centre is then operating with its operator.
    const province = await signIn('province', 'engagements');
    await openAwaiting(province);
    await step(province, 'file');
    await waitForOrReport(province, '[data-testid="engagement-status"][data-status="filed"]');
    await expect.poll(() => province.locator('body').innerText(), POLL).toContain('鄂商务外综备');
    await province.click('[data-testid="engagement-centre-link"]');
    await waitForOrReport(province, '[data-testid="centre-status"][data-status="operating"]');
    expect(await province.locator('[data-testid="centre-status"][data-status="operating"]').first().innerText()).toBe(
      '运营中',
    );
    expect(await province.locator('[data-testid="centre-operator"]').innerText()).toBe(operatorName);

    // A visitor on a phone, without signing in, sees who runs the centre.
    const visitor = await browser.newPage({ locale: 'zh-CN', viewport: { width: 375, height: 812 } });
    pages.push(visitor);
    await visitor.goto(`${baseUrl}/public/centres`);
    const card = visitor.locator('[data-testid="public-centre"]', { hasText: centreName });
    await expect.poll(() => card.count(), POLL).toBe(1);
    expect(await card.locator('[data-testid="public-centre-operator"]').innerText()).toBe(operatorName);
    await visitor.click('[data-testid="public-tab-filings"]');
    await expect
      .poll(() => visitor.locator('[data-testid="public-filing"]').allInnerTexts(), POLL)
      .toEqual([expect.stringContaining(operatorName)]);
  });
});
