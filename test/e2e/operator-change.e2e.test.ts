import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
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

/**
 * Art. 10(六) in a real browser: the county applies to change the operator of a filed engagement (its own cause, the
 * change today, the outgoing operator evaluated 合格) and starts the handover; the city forwards it from 更换申请 ·
 * 待我处理; the province approves it; the engagement has then ended with a re-procurement warning, and the county is
 * offered to record a new tender on the centre's page.
 */
describe.skipIf(!executable)('browser: changing an operator', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let centreName = '';
  let serviceStart = '';
  const operatorName = '湖北示例外贸综合服务有限公司42';
  const incomingName = '湖北示例外贸综合服务有限公司43';
  const pages: Page[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      const park = await makePark(deps, {
        name: '襄阳高新技术产业开发区',
        kind: 'high_tech_zone',
        level: 'national',
        countyCode: '420606',
      });
      await makeUser(deps, {
        username: 'county.420606',
        role: 'county',
        regionCode: park.countyCode,
        password: TEST_PASSWORD,
      });
      await makeUser(deps, { username: 'city.420600', role: 'city', regionCode: '420600', password: TEST_PASSWORD });
      await makeUser(deps, { username: 'province', role: 'province', password: TEST_PASSWORD });
      const centre = await makeCentre(deps, { park, target: 'approved' });
      centreName = centre.name;
      const operator = await makeOperator(deps, { serial: 42 });
      expect(operator.name).toBe(operatorName);
      expect((await makeOperator(deps, { serial: 43 })).name).toBe(incomingName);
      const engagement = await makeEngagement(deps, { centre, operator, target: 'filed' });
      expect(engagement.status).toBe('filed');
      serviceStart = engagement.serviceStart;
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('operator-change', pages);
  });

  /** Sign in and wait for the home page. */
  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: ZONE, viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.locator('[data-testid="welcome-card"]').waitFor();
    return page;
  }

  /** From 承办企业备案 · 更换申请 · 待我处理, open the engagement of the one application waiting there. */
  async function openAwaitingChange(page: Page) {
    await page.click('[data-testid="tab-changes"]');
    await page.locator('[data-testid="change-table"]').waitFor();
    // The list of what waits for the caller (not the tab's one-row count query).
    const awaiting = page.waitForResponse(
      (r) => r.url().includes('/api/operator-changes?awaitingMe=true') && r.url().includes('pageSize=20') && r.ok(),
    );
    await page.click('[data-testid="change-filter-awaiting"]');
    await awaiting;
    await expect
      .poll(() => page.locator('[data-testid="change-filter"] .ant-segmented-item-selected').innerText(), POLL)
      .toBe('待我处理');
    const row = page.locator('[data-testid="change-row"]', { hasText: centreName });
    await expect.poll(() => row.count(), POLL).toBe(1);
    await expect.poll(() => page.locator('[data-testid="change-row"]').count(), POLL).toBe(1);
    await row.click();
    await waitForOrReport(page, '[data-testid="engagement-panel"]');
  }

  it('goes from the county application to a new tender', { timeout: 180_000 }, async () => {
    const county = await signIn('county.420606');
    await county.click('[data-testid="menu-centres"]');
    await county.locator('[data-testid="centre-table"]').waitFor();
    await county.locator('[data-testid="centre-row"]', { hasText: centreName }).getByText(centreName).click();
    await waitForOrReport(county, '[data-testid="change-operator"]');

    // The application: cause, change date (the deadline shows under it), reason, the incoming operator, and the
    // outgoing operator's service. The operators load with the form; pick from the full list once it shows.
    const operatorsLoaded = county.waitForResponse((r) => r.url().includes('/api/operators') && r.ok());
    await county.click('[data-testid="change-operator"]');
    const form = county.locator('[data-testid="change-form"]');
    await form.waitFor();
    await operatorsLoaded;
    await pick(county, '#incomingOperatorId', incomingName);
    await expect.poll(() => form.locator('.ant-select-content').first().innerText(), POLL).toContain(incomingName);
    await form.getByText('承办企业自身原因').click();
    await fillDate(county, '#changedOn', beijingDay(0));
    const hint = county.locator('[data-testid="change-deadline-hint"]');
    await expect.poll(() => hint.innerText(), POLL).toContain('第十条（六）');
    expect(await hint.innerText()).toMatch(
      /^须于 \d{4}年\d{1,2}月\d{1,2}日 前提出申请（变更之日起1个月内，第十条（六））$/,
    );
    await county.fill('#reason', '原承办企业因经营战略调整，申请退出外综服中心运营，经协商一致终止合作。');
    await form.getByText('合格', { exact: true }).click();
    await county.fill('#outgoingEvaluation_note', '服务期内按协议提供通关、退税等服务，服务企业反映良好。');
    const days = Math.round((Date.parse(beijingDay(0)) - Date.parse(serviceStart)) / 86_400_000) + 1;
    await expect
      .poll(() => county.locator('[data-testid="change-served"]').innerText(), POLL)
      .toContain(`共 ${days} 天`);
    await county.click('[data-testid="change-submit"]');
    await waitForOrReport(county, '[data-testid="change-card"][data-status="submitted"]');
    const card = county.locator('[data-testid="change-card"]');
    expect(await card.locator('[data-testid="change-deadline-verdict"]').getAttribute('data-ok')).toBe('true');
    expect(await card.locator('[data-testid="change-evaluation"]').innerText()).toBe('合格');
    expect(await card.locator('[data-testid="change-incoming"]').innerText()).toBe(incomingName);
    expect(await card.locator('[data-testid="change-served-period"]').innerText()).toContain(`共 ${days} 天`);
    // One application at a time: the button stays, disabled.
    expect(await county.locator('[data-testid="change-operator"]').isDisabled()).toBe(true);

    // The county starts the handover.
    await county.check('[data-testid="handover-done-service_records"]');
    await county.fill('[data-testid="handover-note-service_records"]', '服务档案已移交园区管委会');
    // Saved before the city acts on the application: the save moves its version on.
    const saved = county.waitForResponse((r) => r.url().endsWith('/handover') && r.request().method() === 'PUT');
    await county.click('[data-testid="handover-save"]');
    expect((await saved).status()).toBe(200);
    await expect.poll(() => card.locator('[data-testid="handover-progress"]').innerText(), POLL).toBe('已完成 1/6');

    // The city: its home page lists the application to forward and links its overdue filings to the list's tab; it
    // forwards the application from 待我处理.
    const city = await signIn('city.420600');
    await expect
      .poll(() => city.locator('[data-testid="home-item-changesToForward"]').count(), POLL)
      .toBeGreaterThan(0);
    await city.click('[data-testid="home-figure-overdueFilings"] a');
    await expect.poll(() => city.url(), POLL).toContain('/engagements?tab=overdue');
    await waitForOrReport(city, '.ant-tabs-tab-active [data-testid="tab-overdue"]');
    await openAwaitingChange(city);
    await city.click('[data-testid="change-forward"]');
    await city.fill('#comment', '情况属实，同意转报。');
    await clickInModal(city, '[data-testid="change-confirm"]');
    await waitForOrReport(city, '[data-testid="change-card"][data-status="forwarded"]');

    // The province approves it: the engagement ends and the county must procure again.
    const province = await signIn('province');
    await province.click('[data-testid="menu-engagements"]');
    await province.locator('[data-testid="engagement-table"]').waitFor();
    await openAwaitingChange(province);
    expect(await province.locator('[data-testid="change-card"] [data-testid="change-decision-comment"]').count()).toBe(
      0,
    );
    await province.click('[data-testid="change-approve"]');
    await clickInModal(province, '[data-testid="change-confirm"]');
    await waitForOrReport(province, '[data-testid="change-card"][data-status="approved"]');
    await waitForOrReport(province, '[data-testid="engagement-status"][data-status="ended"]');
    expect(await province.locator('[data-testid="engagement-status"][data-status="ended"]').first().innerText()).toBe(
      '已结束',
    );
    await waitForOrReport(province, '[data-testid="engagement-reprocurement"]');
    expect(await province.locator('[data-testid="engagement-reprocurement"]').innerText()).toContain('承办企业已更换');
    expect(await province.locator('[data-testid="change-forward"], [data-testid="change-approve"]').count()).toBe(0);

    // The county, back on the centre's page, is offered to record the new tender; the old engagement is history.
    await county.reload();
    await waitForOrReport(county, '[data-testid="engagement-tender"]');
    await expect.poll(() => county.locator('[data-testid="engagement-history-row"]').count(), POLL).toBe(1);
    expect(await county.locator('[data-testid="engagement-history-row"]').innerText()).toContain(operatorName);
    expect(await county.locator('[data-testid="engagement-history-row"]').innerText()).toContain('更换承办企业');
    await waitForOrReport(county, '[data-testid="operator-section-reprocurement"]');
  });
});
