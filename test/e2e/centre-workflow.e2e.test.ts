import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { chromiumPath, clickInModal, E2E_POLL, pick, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

/** Pages render on a busy 2-core machine: allow them time, the assertions stay the same. */
const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/**
 * Issue 4's golden path in a real browser: a county officer drafts and submits a centre, the city forwards it, the
 * province approves it, and it appears on the public page without sign-in.
 */
describe.skipIf(!executable)('browser: setting up a centre', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  const centreName = '夷陵经济开发区外贸综合服务中心';
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
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('centre-workflow', pages);
  });

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN' });
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.click('[data-testid="menu-centres"]');
    await page.locator('[data-testid="centre-table"]').waitFor();
    return page;
  }

  async function act(page: Page, action: string, comment?: string) {
    await page.click(`[data-testid="action-${action}"]`);
    if (comment) await page.locator('.ant-modal textarea').last().fill(comment);
    await clickInModal(page, '[data-testid="confirm-action"]');
  }

  async function openCentre(page: Page) {
    await page.locator('[data-testid="centre-row"]', { hasText: centreName }).getByText(centreName).click();
  }

  it('goes from the county to the public page', { timeout: 120_000 }, async () => {
    const county = await signIn('county.420506');
    await county.click('[data-testid="centre-create"]');
    const form = county.locator('[data-testid="centre-form"]');
    await form.waitFor();
    await pick(county, '#parkId', '宜昌夷陵经济开发区');
    await county.fill('#name', centreName);
    await county.fill('#venueAddress', '宜昌市夷陵区发展大道夷陵政务服务中心二楼');
    await county.fill('#venueArea', '90');
    await county.check('#venueFree');
    await county.fill('#reasons', '夷陵经济开发区外贸企业较多，需要就近提供通关退税等一站式服务。');
    await pick(county, '#services');
    await county.keyboard.press('Escape');
    await expect.poll(() => county.locator('.ant-select-dropdown:visible').count(), POLL).toBe(0);
    await county.fill('#contactPerson', '李科长');
    await county.fill('#contactPhone', '0717-7821234');
    await form.locator('button[type="submit"]').click();
    await waitForOrReport(county, '[data-testid="action-submit"]');
    await act(county, 'submit');
    await expect.poll(() => county.locator('body').innerText(), POLL).toContain('已提交');

    const city = await signIn('city.420500');
    await openCentre(city);
    await act(city, 'forward', '同意报省商务厅核准。');
    await expect.poll(() => city.locator('body').innerText(), POLL).toContain('已转报');

    const province = await signIn('province');
    await openCentre(province);
    await act(province, 'approve', '同意设立。');
    await expect.poll(() => province.locator('body').innerText(), POLL).toContain('已核准');
    expect(await province.locator('body').innerText()).toContain('鄂商务外综决');

    // A visitor on a phone, without signing in (trade SMEs mostly use their phones).
    const visitor = await browser.newPage({ locale: 'zh-CN', viewport: { width: 375, height: 812 } });
    pages.push(visitor);
    await visitor.goto(`${baseUrl}/public/centres`);
    await expect
      .poll(() => visitor.locator('[data-testid="public-centre"]').allInnerTexts(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining(centreName)]));
  });
});
