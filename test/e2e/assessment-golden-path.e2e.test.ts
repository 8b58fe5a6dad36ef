import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvaluationAgency } from '../../src/server/demo/assessment-factory';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import { POLICY_V1 } from '../../src/server/policy/parameters-v1';
import { chromiumPath, clickInModal, E2E_POLL, pick, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

const POLL = E2E_POLL;
const ZONE = 'Asia/Shanghai';
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/**
 * Art. 12 in a real browser, the whole year (issue 14's golden path): the province drafts an indicator system from
 * the default and opens the year's assessment; the centre's operator writes its statement and submits; the city
 * passes it, beside the words that make it answer for the material (Art. 12(二)(2)); the province assigns it to its
 * evaluation agency, whose evaluator scores what the system leaves to it; the province confirms and publishes
 * (Art. 12(二)(3)); the grade then shows on the centre page and, grade only, in the public directory (Art. 12(三)).
 */
describe.skipIf(!executable)('browser: an assessment year from the notice to the published grade', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  let centreName = '';
  let centreId = 0;
  const agencyName = '湖北某评估咨询有限公司';
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
      centreId = centre.id;
      await makeEngagement(deps, { centre, operator: await makeOperator(deps, { serial: 51 }), target: 'filed' });
      await makeUser(deps, { username: 'operator.1', role: 'operator', centreId: centre.id, password: TEST_PASSWORD });
      const agency = await makeEvaluationAgency(deps.db, { name: agencyName });
      await makeUser(deps, {
        username: 'evaluator.1',
        role: 'evaluator',
        evaluatorId: agency.id,
        displayName: '评估员甲',
        password: TEST_PASSWORD,
      });
    });
    ({ baseUrl, browser } = e2e);
  });

  afterAll(async () => {
    await e2e?.close('assessment-golden-path', pages);
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
    // The draft is the province's to edit before the cycle opens: a new guidance for the first indicator, saved.
    const guidance = '以平台登记的服务记录为准，抽查原始凭证。';
    await page(province, '[data-testid^="indicator-edit-"]').first().click();
    await province.locator('[data-testid="indicator-form"] #guidance').fill(guidance);
    await clickInModal(province, '.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    await page(province, '[data-testid="system-save"]').click();
    await expect.poll(() => page(province, '[data-testid="system-save"]').isDisabled(), POLL).toBe(true);
    await province.reload();
    await expect
      .poll(() => province.locator('[data-testid="system-group"]').first().innerText(), POLL)
      .toContain(guidance);

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

  it('then the evaluator scores, the province publishes and the grade shows', { timeout: 240_000 }, async () => {
    // The province assigns what the city passed to its agency.
    const province = await signIn('province', '/assessment/evaluation');
    const boardRow = province.locator('[data-testid="evaluation-table"] tr.ant-table-row', { hasText: centreName });
    await expect.poll(() => boardRow.innerText(), POLL).toContain('初审通过');
    // The agency's one evaluator account is counted beside it.
    const agencyRow = province.locator('[data-testid="evaluation-agencies"] tr.ant-table-row', { hasText: agencyName });
    await expect.poll(() => agencyRow.locator('td').last().innerText(), POLL).toBe('1');
    await boardRow.locator('input[type="checkbox"]').check();
    await pick(province, '[data-testid="evaluation-board"] .ant-select:has-text("分派给")', agencyName);
    await province.click('[data-testid="evaluation-assign"]');
    await expect.poll(() => boardRow.innerText(), POLL).toContain('评估中');
    expect(await boardRow.innerText()).toContain(agencyName);

    // The evaluator finds the task on its home and scores every indicator left to it, each with a remark.
    const evaluator = await signIn('evaluator.1', '/');
    const task = evaluator.locator('[data-testid="home-evaluator-task"]', { hasText: centreName });
    await expect.poll(() => task.innerText(), POLL).toContain('评估中');
    await task.locator('a').click();
    await waitForOrReport(evaluator, '[data-testid="evaluation-score"]');
    const scoreCard = evaluator.locator('[data-testid="evaluation-score"]');
    const scores = scoreCard.locator('.ant-input-number-input');
    const remarks = scoreCard.locator('textarea');
    const count = await scores.count();
    expect(count).toBeGreaterThan(0);
    expect(await remarks.count()).toBe(count);
    for (let i = 0; i < count; i++) {
      await scores.nth(i).fill('2.5');
      await remarks.nth(i).fill('实地查看服务场所与台账，规范性较好。');
    }
    await evaluator.click('[data-testid="evaluation-finish"]');
    await expect
      .poll(() => evaluator.locator('[data-testid="evaluation-detail"]').innerText(), POLL)
      .toContain('待省厅审核');
    const total = await evaluator.locator('[data-testid="evaluation-total"]').innerText();
    const grade = gradeOf(Number(total));
    expect(await evaluator.locator('[data-testid="evaluation-detail"] [data-testid="grade-tag"]').innerText()).toBe(
      grade,
    );
    // Each evaluator-scored indicator shows the agency's points and remark.
    expect(await evaluator.locator('[data-testid="evaluation-indicators"]').innerText()).toContain(
      '实地查看服务场所与台账，规范性较好。',
    );

    // The province reviews, confirms the score and publishes the year.
    await province.goto(`${baseUrl}/assessment/evaluation`);
    await boardRow.locator('a', { hasText: centreName }).click();
    await waitForOrReport(province, '[data-testid="evaluation-confirm"]');
    expect(await province.locator('[data-testid="evaluation-total"]').innerText()).toBe(total);
    await province.click('[data-testid="evaluation-confirm"]');
    await confirm(province);
    await expect
      .poll(() => province.locator('[data-testid="evaluation-detail"]').innerText(), POLL)
      .toContain('已确认');
    await province.goto(`${baseUrl}/assessment/evaluation`);
    await expect.poll(() => boardRow.innerText(), POLL).toContain('已确认');
    await province.click('[data-testid="evaluation-publish"]');
    await confirm(province);
    await expect.poll(() => boardRow.innerText(), POLL).toContain('已公布');

    // The operator sees the grade and the total on its centre's page.
    const operator = await signIn('operator.1', `/centres/${centreId}`);
    const result = operator.locator('[data-testid="centre-result"]');
    await expect.poll(() => result.count(), POLL).toBe(1);
    expect(await result.locator('[data-testid="grade-tag"]').innerText()).toBe(grade);
    expect(await result.innerText()).toContain(total);

    // Anyone sees the grade alone in the public directory of centres.
    const anonymous = await browser.newPage({
      locale: 'zh-CN',
      timezoneId: ZONE,
      viewport: { width: 1440, height: 900 },
    });
    anonymous.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(anonymous);
    await anonymous.goto(`${baseUrl}/public/centres`);
    const card = anonymous.locator('[data-testid="public-centre"]', { hasText: centreName });
    await expect.poll(() => card.locator('[data-testid="public-centre-grade"]').count(), POLL).toBe(1);
    expect(await card.locator('[data-testid="public-centre-grade"]').innerText()).toMatch(
      new RegExp(`^\\d{4}年度考核：${grade}$`),
    );
    expect(await card.innerText()).not.toContain(total);
  });
});

/** The grade a total earns under the thresholds of policy version 1, which the default system copies (Art. 12(三)). */
function gradeOf(total: number): string {
  const t = POLICY_V1.gradeThresholds;
  return total >= t.excellent ? '优秀' : total >= t.good ? '良好' : total >= t.fair ? '一般' : '较差';
}

function page(p: Page, selector: string) {
  return p.locator(selector);
}
