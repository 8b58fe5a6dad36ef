import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo';
import { chromiumPath, E2E_POLL } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

/** Pages render on a busy 2-core machine: allow them time, the assertions stay the same. */
const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/** The golden path of the province officer, in a real browser against the real server and the demo data set. */
describe.skipIf(!executable)('browser: province officer', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    // The browser's own requests carry the real time, so the server uses it too.
    e2e = await startE2eApp(executable as string, async (deps) => {
      await loadDemo(deps, TEST_PASSWORD);
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('province');
  });

  it('signs in, sees the parks of all Hubei, and switches to English', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/login`);
    await expect.poll(() => page.title(), POLL).toContain('湖北省对外贸易综合服务平台');
    await page.fill('#username', 'province');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('[data-testid="login-submit"]');

    await page.click('[data-testid="menu-parks"]');
    const table = page.locator('[data-testid="park-table"]');
    await table.waitFor();
    await expect.poll(() => page.locator('[data-testid="park-row"]').count(), POLL).toBeGreaterThan(5);
    // Demo parks from several cities: a national high-tech zone of 武汉 and one of 宜昌's.
    await page.fill('[data-testid="filter-q"]', '高新');
    await page.click('[data-testid="filter-search"]');
    await expect.poll(() => table.innerText(), POLL).toContain('宜昌高新技术产业开发区');
    expect(await table.innerText()).toContain('国家级');

    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator('body').innerText(), POLL).toContain('National');
    expect(await page.locator('body').innerText()).toContain('Development zones');
    expect(errors).toEqual([]);
  });
});
