import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeRates } from '../../src/server/db/schema';
import { enterpriseCreditCode } from '../../src/server/demo/enterprise-factory';
import { chromiumPath, E2E_POLL, submitSignIn, waitForOrReport } from '../helpers/browser';
import { type E2eApp, startE2eApp } from '../helpers/e2e';
import { seedWorld } from '../helpers/world';

const POLL = E2E_POLL;
const executable = chromiumPath();
const PHONE = { width: 375, height: 812 };

/**
 * Issue 13 in a real browser: an enterprise on its phone opens 贸易数据 → 报关单, downloads nothing, uploads a CSV
 * of two declarations, watches the import finish and sees them listed; the detail shows the lines in 元 and USD.
 */
describe.skipIf(!executable)('browser: an enterprise uploads its declarations at phone width', () => {
  let e2e: E2eApp;
  let browser: Browser;
  const pages: Page[] = [];
  const code = enterpriseCreditCode('420502', 1);

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      await seedWorld(deps);
      await deps.db
        .insert(exchangeRates)
        .values([{ month: '2026-03', currency: 'USD', cnyPerUnit: '7.100000', setAt: new Date() }]);
    });
    ({ browser } = e2e);
  });
  afterAll(async () => {
    await e2e?.close('trade-intake', pages);
  });

  it('uploads a file, sees the outcome and the declarations listed', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(POLL.timeout);
    pages.push(page);
    await submitSignIn(page, e2e.baseUrl, 'enterprise.91420500MA4F000001');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${e2e.baseUrl}/trade/declarations`);
    await waitForOrReport(page, '[data-testid="trade-declaration-table"]');

    const head =
      '报关单号,统一社会信用代码,进出口,申报日期,贸易方式,贸易国（地区）,币制,总价,项号,商品编号,商品名称,数量,计量单位,金额';
    const csv = [
      head,
      `470120260000000101,${code},出口,2026-03-15,0110,US,USD,1000.00,1,8501100010,微电机,10,台,600.00`,
      `470120260000000101,${code},出口,2026-03-15,0110,US,USD,1000.00,2,6109100021,棉制T恤衫,100,件,400.00`,
      `470120261000000102,${code},进口,2026-03-20,0110,DE,CNY,5000.00,1,8479899990,工业机器人,1,台,5000.00`,
    ].join('\r\n');
    await page.click('[data-testid="trade-upload"]');
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '三月报关单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.click('[data-testid="trade-import-start"]');
    await waitForOrReport(page, '[data-testid="trade-import-succeeded"]');
    expect(await page.locator('[data-testid="trade-import-succeeded"]').innerText()).toContain('新增报关单 2 份');
    await page.click('[data-testid="trade-import-close"]');

    const rows = page.locator('[data-testid="trade-declaration-row"]');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await page.locator('[data-testid="trade-declaration-table"]').innerText()).toContain('470120260000000101');
    // Nothing wider than the phone.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), POLL)
      .toBeLessThanOrEqual(PHONE.width);

    await rows.filter({ hasText: '470120260000000101' }).locator('[data-testid="trade-declaration-link"]').click();
    const lines = page.locator('[data-testid="trade-declaration-lines"]');
    await lines.waitFor();
    // 600 USD × 7.1 = 4,260 元
    await expect.poll(() => lines.innerText(), POLL).toContain('4,260.00 元');
  });
});
