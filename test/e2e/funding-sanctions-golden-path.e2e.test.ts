import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMetricValues } from '../../src/contracts/assessment';
import type { TCentreDetail } from '../../src/contracts/centre';
import { assessmentScores } from '../../src/server/db/schema';
import { makeCycle, makeSubmission } from '../../src/server/demo/assessment-factory';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import { DEFAULT_INDICATOR_SYSTEM } from '../../src/server/modules/assessment/default-system';
import { chromiumPath, clickInModal, E2E_POLL, pick, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

const POLL = E2E_POLL;
const ZONE = 'Asia/Shanghai';
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/** Figures that earn every computed indicator its full points under the shipped system (Art. 12(一)). */
const FULL_MARKS: Partial<TMetricValues> = {
  'services.records': 600,
  'services.consultations': 200,
  'services.categories': 12,
  'services.enterprises': 80,
  'services.responseHours': 4,
  'services.completionDays': 3,
  'feedback.ratingRate': 100,
  'feedback.goodRate': 100,
  'feedback.rectificationOnTimeRate': 100,
  'trade.newlyTrading': 12,
  'trade.servedCny': 50_000,
  'trade.servedGrowthPct': 30,
  'activities.events': 15,
  'activities.participants': 800,
  'activities.fairEnterprises': 25,
};

/**
 * Issue 15's golden path in a real browser (Art. 11, 12(三), 14): the province publishes the 2025 grades and the
 * entitlements are due at once; a city official records a payment to each of two operators and a second official of
 * the city confirms each with the finance bureau's voucher (four eyes); the province blacklists one of the two
 * operators; its centre no longer shows it, and the recovery list shows what had been paid to it.
 *
 * Seed: two centres in Yichang's national parks, each with an operator filed in January 2024 (back-dated, as records
 * entered about earlier days), so that by 31 December 2025 each has served the year after its filing the rule
 * requires; the 2025 cycle with both submissions confirmed by the province.
 */
describe.skipIf(!executable)('browser: grades become money, money is paid, a blacklisting recovers it', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let kept: TCentreDetail;
  let struck: TCentreDetail;
  let keptOperator = '';
  let struckOperator = '';
  const pages: Page[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      const parkA = await makePark(deps, {
        name: '宜昌高新技术产业开发区',
        kind: 'high_tech_zone',
        level: 'national',
        countyCode: '420502',
      });
      const parkB = await makePark(deps, {
        name: '宜昌经济技术开发区',
        kind: 'economic_dev_zone',
        level: 'national',
        countyCode: '420503',
      });
      await makeUser(deps, { username: 'province', role: 'province', password: TEST_PASSWORD });
      await makeUser(deps, {
        username: 'city.420500',
        role: 'city',
        regionCode: '420500',
        displayName: '宜昌市商务局经办人',
        password: TEST_PASSWORD,
      });
      await makeUser(deps, {
        username: 'city.420500.2',
        role: 'city',
        regionCode: '420500',
        displayName: '宜昌市商务局复核人',
        password: TEST_PASSWORD,
      });
      kept = await makeCentre(deps, { park: parkA, target: 'approved' });
      struck = await makeCentre(deps, { park: parkB, target: 'approved' });
      const cycle = await makeCycle(deps.db, { year: 2025 });
      for (const [centre, serial] of [
        [kept, 61],
        [struck, 62],
      ] as const) {
        const operator = await makeOperator(deps, { serial });
        if (centre === kept) keptOperator = operator.name;
        else struckOperator = operator.name;
        const e = await makeEngagement(deps, { centre, operator, target: 'filed' });
        // Filed in January 2024: a full year of service after the filing by 31 December 2025 (Art. 11).
        await deps.db.execute(
          sql`update engagements set filed_on = '2024-01-10', service_start = '2024-01-01' where id = ${e.id}`,
        );
        const s = await makeSubmission(deps.db, {
          cycleId: cycle.id,
          centreId: centre.id,
          operatorId: operator.id,
          status: 'confirmed',
          metrics: FULL_MARKS,
        });
        for (const i of DEFAULT_INDICATOR_SYSTEM.indicators.filter((x) => x.scoring.kind === 'evaluator')) {
          await deps.db.insert(assessmentScores).values({
            submissionId: s.id,
            indicatorKey: i.key,
            score: String(i.weight),
            remark: '实地查看服务场所与台账，规范性较好。',
            scoredAt: new Date(),
          });
        }
      }
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('funding-sanctions-golden-path', pages);
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

  it('publication makes the year’s entitlements due', { timeout: 240_000 }, async () => {
    const province = await signIn('province', '/assessment/evaluation');
    for (const c of [kept, struck]) {
      const row = province.locator('[data-testid="evaluation-table"] tr.ant-table-row', { hasText: c.name });
      await expect.poll(() => row.innerText(), POLL).toContain('已确认');
    }
    await province.click('[data-testid="evaluation-publish"]');
    await confirm(province);
    const keptRow = province.locator('[data-testid="evaluation-table"] tr.ant-table-row', { hasText: kept.name });
    await expect.poll(() => keptRow.innerText(), POLL).toContain('已公布');

    // Art. 11, 12(三): the published grades are money at once — each operator's entitlement for 2025 is due.
    await province.goto(`${baseUrl}/funding`);
    await waitForOrReport(province, '[data-testid="funding-page"]');
    for (const [c, name] of [
      [kept, keptOperator],
      [struck, struckOperator],
    ] as const) {
      const row = province.locator('[data-testid="entitlement-row"]', { hasText: c.name });
      await expect.poll(() => row.innerText(), POLL).toContain('应拨付');
      expect(await row.innerText()).toContain(name);
      expect(await row.innerText()).toContain('2025');
    }
    // The figures show what is due (a national park's base, 40万元 each at most), nothing paid yet.
    await expect.poll(() => province.locator('[data-testid="funding-figures"]').innerText(), POLL).toContain('万元');
  });

  it('one city official records, another confirms with the voucher', { timeout: 240_000 }, async () => {
    const recorder = await signIn('city.420500', '/funding/payments');
    for (const [c, yuan] of [
      [kept, '100000'],
      [struck, '120000'],
    ] as const) {
      await recorder.click('[data-testid="record-payment"]');
      await recorder.locator('[data-testid="record-payment-form"]').waitFor();
      await pick(recorder, '[data-testid="record-payment-form"] .ant-select', c.name);
      await recorder.fill('.ant-modal:visible #amountYuan', yuan);
      await clickInModal(recorder, '.ant-modal:visible .ant-modal-footer .ant-btn-primary');
      await expect.poll(() => recorder.locator('.ant-modal:visible').count(), POLL).toBe(0);
      const mine = recorder.locator('[data-testid="queue-row"]', { hasText: c.name });
      await expect.poll(() => mine.innerText(), POLL).toContain('待复核');
      // The recorder cannot confirm its own payment: it waits for someone else.
      expect(await mine.locator('[data-testid="waiting-other"]').count()).toBe(1);
      expect(await mine.locator('[data-testid="confirm-payment"]').count()).toBe(0);
    }

    const checker = await signIn('city.420500.2', '/funding/payments');
    for (const c of [kept, struck]) {
      const row = checker.locator('[data-testid="queue-row"]', { hasText: c.name });
      await row.locator('[data-testid="confirm-payment"]').click();
      await checker.locator('[data-testid="confirm-payment-form"]').waitFor();
      await checker.fill('[data-testid="voucher-number"]', `宜财拨〔2026〕${c.id}号`);
      await clickInModal(checker, '.ant-modal:visible .ant-modal-footer .ant-btn-primary');
      await expect.poll(() => checker.locator('.ant-modal:visible').count(), POLL).toBe(0);
      const paid = checker.locator('[data-testid="payment-row"]', { hasText: c.name });
      await expect.poll(() => paid.innerText(), POLL).toContain('已拨付');
      expect(await paid.innerText()).toContain(`宜财拨〔2026〕${c.id}号`);
      expect(await paid.innerText()).toContain('宜昌市商务局复核人');
    }
    await expect.poll(() => checker.locator('[data-testid="queue-row"]').count(), POLL).toBe(0);
  });

  it('the province blacklists one operator; its centre loses it and the recovery list shows what was paid', {
    timeout: 240_000,
  }, async () => {
    const province = await signIn('province', '/sanctions');
    await province.click('[data-testid="sanction-new"]');
    await province.locator('.ant-modal:visible').waitFor();
    await pick(province, '[data-testid="sanction-operator"]', struckOperator);
    await province.locator('.ant-modal:visible label', { hasText: '列入黑名单' }).click();
    // Art. 14 is the one ground of a blacklisting, ticked with the kind.
    await expect
      .poll(() => province.locator('.ant-modal:visible input[type="checkbox"]:checked').count(), POLL)
      .toBe(1);
    await province.fill('.ant-modal:visible #facts', '经查，该企业在承办期间虚构服务记录骗取财政资金，情节严重。');
    await clickInModal(province, '[data-testid="sanction-review"]');
    const preview = province.locator('[data-testid="sanction-preview"]');
    await expect.poll(() => preview.innerText(), POLL).toContain(struck.name);
    expect(await preview.innerText()).toContain('合计 12 万元');
    await province.click('[data-testid="sanction-confirm"]');
    await waitForOrReport(province, '[data-testid="sanction-detail"]');
    expect(await province.locator('[data-testid="sanction-detail"]').innerText()).toMatch(/鄂商务外综处〔\d{4}〕1号/);
    expect(await province.locator('[data-testid="sanction-kind"]').first().innerText()).toBe('列入黑名单');

    // Its centre shows no operator; the other centre keeps its own.
    await province.goto(`${baseUrl}/centres/${struck.id}`);
    await waitForOrReport(province, '[data-testid="centre-descriptions"]');
    await expect.poll(() => province.locator('[data-testid="engagement-none"]').count(), POLL).toBe(1);
    expect(await province.locator('[data-testid="centre-operator"]').count()).toBe(0);
    await province.goto(`${baseUrl}/centres/${kept.id}`);
    await expect.poll(() => province.locator('[data-testid="centre-operator"]').innerText(), POLL).toBe(keptOperator);

    // Art. 14 追回已拨付资金: the recovery list shows the 12 万元 paid to it, and nothing of the other operator.
    await province.goto(`${baseUrl}/funding/recoveries`);
    const row = province.locator('[data-testid="recovery-row"]', { hasText: struckOperator });
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.innerText()).toContain('12 万元');
    expect(await row.innerText()).toContain('待追回');
    expect(await row.innerText()).toContain(struck.name);
    expect(await province.locator('[data-testid="recovery-row"]', { hasText: keptOperator }).count()).toBe(0);

    // The funding overview counts it as to be recovered.
    await province.goto(`${baseUrl}/funding`);
    await expect.poll(() => province.locator('[data-testid="funding-figures"]').innerText(), POLL).toContain('12 万元');
  });
});
