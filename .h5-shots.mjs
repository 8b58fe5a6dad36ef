// Throwaway (not committed): screenshots of the new screens at 1440×900 and 375×812.
import { chromium } from 'playwright-core';
const BASE = 'http://localhost:4305';
const OUT = '/tmp/assess-results-shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const shots = [
  { user: 'province', path: '/', name: 'province-home', wait: '[data-testid=grade-distribution]' },
  { user: 'province', path: '/centres/1', name: 'centre-1-province', wait: '[data-testid=centre-results]' },
  { user: 'province', path: '/assessment/results', name: 'results-province', wait: '[data-testid=result-row]' },
  { user: 'city.420100', path: '/assessment/results?year=2024', name: 'results-city-wuhan-2024', wait: '[data-testid=result-row]' },
  { user: null, path: '/public/centres', name: 'public-centres', wait: '[data-testid=public-centre-grade]' },
  { user: 'province', path: '/api/assessment/results/1/2025/print', name: 'result-sheet', wait: 'table' },
];
for (const size of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
  for (const s of shots) {
    const ctx = await browser.newContext({ viewport: size, locale: 'zh-CN' });
    const page = await ctx.newPage();
    if (s.user) {
      const r = await page.request.post(`${BASE}/api/auth/login`, { data: { username: s.user, password: 'Demo#2026pw' }, headers: { origin: BASE } });
      if (!r.ok()) console.log('login', s.user, r.status(), await r.text());
    }
    await page.goto(BASE + s.path);
    try { await page.waitForSelector(s.wait, { timeout: 20000 }); } catch (e) { console.log('no', s.wait, 'on', s.path); }
    await page.waitForTimeout(800);
    if (s.name === 'centre-1-province') await page.locator('[data-testid=centre-results]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/${s.name}-${size.width}.png`, fullPage: s.name !== 'centre-1-province' });
    if (s.name === 'centre-1-province') {
      await page.locator('[data-testid=confirm-cancellation]').first().click().catch(() => console.log('no confirm button'));
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${OUT}/confirm-modal-${size.width}.png` });
    }
    await ctx.close();
  }
}
await browser.close();
