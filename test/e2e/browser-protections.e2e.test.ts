import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { chromiumPath, E2E_POLL, submitSignIn } from '../helpers/browser';
import { type E2eApp, startE2eApp } from '../helpers/e2e';
import { seedWorld } from '../helpers/world';

const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/**
 * Issue 10: the Content-Security-Policy and the Origin check must not break what they protect. The app (antd's
 * CSS-in-JS, ECharts), the API docs and the printable decision letter load in a real browser without one violation,
 * and the app's own writes (sign-in, the language switch) pass the Origin check.
 */
describe.skipIf(!executable)('browser: the protections leave the app working', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let letterId: number | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      const world = await seedWorld(deps);
      const centre = await makeCentre(deps, { park: world.parks.yichangHighTech, target: 'approved' });
      letterId = centre.letters[0]?.id;
    });
    ({ baseUrl, browser } = e2e);
  });
  afterAll(async () => {
    await e2e?.close('browser-protections', pages);
  });

  /** A page that records every CSP violation the browser reports, and every script error. */
  async function watched(viewport = { width: 1440, height: 900 }) {
    const page = await browser.newPage({ locale: 'zh-CN', viewport });
    pages.push(page);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    return { page, problems };
  }

  it('shows the public pages and the API docs without a violation, on a desk and on a phone', async () => {
    for (const [name, viewport] of [
      ['desk', { width: 1440, height: 900 }],
      ['phone', { width: 375, height: 812 }],
    ] as const) {
      const { page, problems } = await watched(viewport);
      await page.goto(`${baseUrl}/public/centres`);
      await page
        .locator('[data-testid="public-centre-request"], [data-testid="public-centre-not-accepting"]')
        .first()
        .waitFor();
      await page.screenshot({ path: `/tmp/sec-web-public-${name}.png`, fullPage: false });
      await page.goto(`${baseUrl}/api/docs/`);
      await page.locator('.swagger-ui .opblock').first().waitFor(POLL);
      await page.screenshot({ path: `/tmp/sec-web-docs-${name}.png`, fullPage: false });
      expect(problems).toEqual([]);
    }
  }, 240_000);

  it('signs in, draws the centres by city chart, switches language, and prints a letter without a violation', async () => {
    const { page, problems } = await watched();
    await submitSignIn(page, baseUrl, 'province');
    // The province's centres page draws its chart with ECharts on a canvas (the home page is lists and a table).
    await page.locator('[data-testid="welcome-card"]').waitFor(POLL);
    await page.goto(`${baseUrl}/centres`);
    await page.locator('canvas').first().waitFor(POLL);
    await page.screenshot({ path: '/tmp/sec-web-centres-desk.png', fullPage: false });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: '/tmp/sec-web-centres-phone.png', fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });
    // A write from the app's own page: PUT /api/me/locale passes the Origin check.
    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator('body').innerText(), POLL).toMatch(/Parks|Centres|Home/);
    await page.goto(`${baseUrl}/api/decision-letters/${letterId}/print`);
    await expect.poll(() => page.locator('#print').count(), POLL).toBe(1);
    await page.screenshot({ path: '/tmp/sec-web-letter.png', fullPage: false });
    expect(problems).toEqual([]);
  }, 240_000);
});
