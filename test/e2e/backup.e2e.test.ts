import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, E2E_POLL, submitSignIn } from '../helpers/browser';
import { type E2eApp, startE2eApp } from '../helpers/e2e';
import { seedWorld } from '../helpers/world';

const POLL = { ...E2E_POLL, timeout: 180_000 };
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');
/** Set E2E_SHOTS_DIR to keep screenshots of the page at desktop and phone sizes. */
const SHOTS = process.env.E2E_SHOTS_DIR;

/** The administrator is warned that no backup is proven, backs up from 系统设置, and sees it restore-tested. */
describe.skipIf(!executable)('browser: administrator backs up', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      await seedWorld(deps);
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('backup');
  });

  it('sees the warning on the home page, presses 立即备份 and sees the backup passed its restore test', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await submitSignIn(page, baseUrl, 'admin');
    const warning = page.locator('[data-testid="home-backup-warning"]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('请到“系统设置”立即备份');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'sec-backup-home-1440.png') });

    await warning.locator('a').click();
    const card = page.locator('[data-testid="backup-card"]');
    await card.waitFor();
    await expect.poll(() => card.innerText(), POLL).toContain('还没有通过恢复测试的备份');
    await page.click('[data-testid="backup-run"]');
    await expect.poll(() => card.innerText(), POLL).toContain('最近一次通过恢复测试的备份');
    const text = await card.innerText();
    expect(text).toContain('管理员手动');
    expect(text).toContain('通过');
    if (SHOTS) {
      await page.screenshot({ path: path.join(SHOTS, 'sec-backup-settings-1440.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 812 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'sec-backup-settings-375.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
  }, 300_000);
});
