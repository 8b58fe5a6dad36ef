import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import { chromiumPath, clickInModal, E2E_POLL, pick, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

const POLL = E2E_POLL;
const ZONE = 'Asia/Shanghai';
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/**
 * Art. 12(二)(1)–(2) in a real browser: the province drafts an indicator system from the default and opens the
 * year's assessment; the centre's operator writes its statement and submits; the city passes it, beside the words
 * that make it answer for the material.
 */
describe.skipIf(!executable)('browser: opening an assessment, submitting, pre-review', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let centreName = '';
  const pages: Page[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      const park = await makePark(deps, {
        name: '宜昌高新技术产业开发区',
        kind: 'high_tech_zone',
        level: 'national',
        countyCode: '420502',
      });
      await makeUser(deps, { username: 'province', role: 'province', password: TEST_PASSWORD });
      await makeUser(deps, { username: 'city.420500', role: 'city', regionCode: '420500', password: TEST_PASSWORD });
      const centre = await makeCentre(deps, { park, target: 'approved' });
      centreName = centre.name;
      await makeEngagement(deps, { centre, operator: await makeOperator(deps, { serial: 51 }), target: 'filed' });
      await makeUser(deps, { username: 'operator.1', role: 'operator', centreId: centre.id, password: TEST_PASSWORD });
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('assessment-submit', pages);
  });

  async function signIn(username: string, path: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: ZONE, viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.locator('[data-testid="welcome-card"]').waitFor();
    await page.goto(`${baseUrl}${path}`);
    return page;
  }

  async function confirm(page: Page) {
    await clickInModal(page, '.ant-modal:visible .ant-modal-confirm-btns .ant-btn-primary');
  }

  it('goes from the notice to the city’s pass', { timeout: 240_000 }, async () => {
    const province = await signIn('province', '/assessment/systems');
    await page(province, '[data-testid="system-create"]').click();
    await clickInModal(province, '.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    await waitForOrReport(province, '[data-testid="system-group"]');

    await province.goto(`${baseUrl}/assessment`);
    await page(province, '[data-testid="open-cycle"]').click();
    await province.locator('[data-testid="open-cycle-form"]').waitFor();
    await province.fill('#notice', '现开展年度外综服中心考核评估工作，请按时提交材料。');
    await pick(province, '#systemId');
    await clickInModal(province, '.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    const row = province.locator('[data-testid="submission-link"]', { hasText: centreName });
    await expect.poll(() => row.count(), POLL).toBe(1);

    const operator = await signIn('operator.1', '/assessment');
    await operator.locator('[data-testid="submission-link"]').click();
    await waitForOrReport(operator, '[data-testid="submission-statement"]');
    await operator.fill('[data-testid="submission-statement"]', '本中心年度开展政策咨询、通关协助等服务。');
    await operator.click('[data-testid="submission-submit"]');
    await confirm(operator);
    await expect.poll(() => operator.locator('[data-testid="submission-status"]').innerText(), POLL).toBe('待初审');

    const city = await signIn('city.420500', '/assessment');
    await city.locator('[data-testid="submission-link"]', { hasText: centreName }).click();
    await waitForOrReport(city, '[data-testid="prereview-card"]');
    expect(await city.locator('[data-testid="prereview-card"]').innerText()).toContain(
      '市州商务主管部门对材料真实性、合法性负责',
    );
    await city.click('[data-testid="prereview-pass"]');
    await confirm(city);
    await expect.poll(() => city.locator('[data-testid="submission-status"]').innerText(), POLL).toBe('初审通过');
    await expect.poll(() => city.locator('[data-testid="submission-event"]').count(), POLL).toBe(3);
  });
});

function page(p: Page, selector: string) {
  return p.locator(selector);
}
