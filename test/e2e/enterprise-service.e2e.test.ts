import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
import { enterpriseCreditCode } from '../../src/server/demo/enterprise-factory';
import { makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import { chromiumPath, clickInModal, E2E_POLL, pick, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';
import { seedWorld } from '../helpers/world';

/** Pages render on a busy 2-core machine: allow them time, the assertions stay the same. */
const POLL = E2E_POLL;
const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

/** The server counts days in Beijing; the browsers are put in the same zone, so "this year" is one year for both. */
const ZONE = 'Asia/Shanghai';
/** The phone the enterprise uses: the narrowest width the public and enterprise pages are made for. */
const PHONE = { width: 375, height: 812 };

/**
 * Issue 6 in a real browser: a trade enterprise registers on the public site from a phone, the county approves it,
 * the enterprise requests a service of an operating centre from the directory's 申请服务, the centre accepts it,
 * logs two progress entries and completes it, the enterprise follows the progress on its phone and rates the
 * service, and the province sees the rating in the centre's figures.
 */
describe.skipIf(!executable)('browser: an enterprise requests, follows and rates a service', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let phone: BrowserContext;
  let baseUrl: string;
  let centreId = 0;
  let centreName = '';
  let operatorUsername = '';
  const creditCode = enterpriseCreditCode('420502', 61);
  const enterpriseName = '宜昌西陵示范进出口有限公司';
  const enterprisePassword = 'Xiling#2026ok';
  const pages: Page[] = [];

  beforeAll(async () => {
    // The server stamps records with the real clock, so that the statistics' default window (this year) holds them.
    e2e = await startE2eApp(executable as string, async (deps) => {
      const world = await seedWorld(deps);
      // An operating centre in 宜昌高新区 (西陵区, 420502): approved, its operator engaged and filed.
      const centre = await makeCentre(deps, { park: world.parks.yichangHighTech, target: 'approved' });
      centreId = centre.id;
      centreName = centre.name;
      const operator = await makeOperator(deps, { serial: 44 });
      const engagement = await makeEngagement(deps, { centre, operator, target: 'filed' });
      expect(engagement.status).toBe('filed');
      // The centre's account; the fixture world already holds operator.1 (for the first centre a database makes).
      operatorUsername = `operator.${centre.id}`;
      if (operatorUsername !== world.users.operator.username) {
        await makeUser(deps, { username: operatorUsername, role: 'operator', centreId, password: TEST_PASSWORD });
      }
    });
    ({ baseUrl, browser } = e2e);
    phone = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: ZONE,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
  });

  afterAll(async () => {
    await e2e?.close('enterprise-service', pages);
  });

  /** A desktop browser of its own (its own session), signed in, on the page named by its menu entry. */
  async function signInDesktop(username: string, menu: string, ready: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: ZONE, viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    await submitSignIn(page, baseUrl, username);
    await page.click(`[data-testid="menu-${menu}"]`);
    await waitForOrReport(page, ready);
    return page;
  }

  /** Nothing on the phone page is wider than the phone: no sideways scrolling. */
  async function fitsThePhone(page: Page) {
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), POLL)
      .toBeLessThanOrEqual(PHONE.width);
  }

  /** The record's own status tag, in its card's header (the timeline's entries carry status tags as well). */
  const myStatus = (page: Page) => page.locator('.ant-card-head [data-testid="my-service-status"]');

  it('goes from registration on a phone to the rating in the province figures', { timeout: 300_000 }, async () => {
    // 1. A visitor on a phone finds the centre in the public directory, and registers the enterprise.
    const visitor = await phone.newPage();
    visitor.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(visitor);
    await visitor.goto(`${baseUrl}/public/centres`);
    const card = visitor.locator('[data-testid="public-centre"]', { hasText: centreName });
    await expect.poll(() => card.count(), POLL).toBe(1);
    expect(await card.locator('[data-testid="public-centre-request"]').innerText()).toContain('申请服务');
    await fitsThePhone(visitor);

    await visitor.click('[data-testid="public-register-link"]');
    await waitForOrReport(visitor, '[data-testid="register-form"]');
    await fitsThePhone(visitor);
    await visitor.fill('[data-testid="register-credit-code"]', creditCode);
    await visitor.fill('[data-testid="register-name"]', enterpriseName);
    // The county: 宜昌市 → 西陵区 in the cascader, once the regions have loaded.
    await visitor.click('#countyCode');
    const cascader = visitor.locator('.ant-cascader-dropdown:visible');
    await cascader.waitFor();
    // As `pick` does for selects: a click while the menu still slides in can be lost on a busy machine.
    await expect.poll(async () => (await cascader.getAttribute('class')) ?? '', POLL).not.toMatch(/-(appear|enter)/);
    await cascader.locator('.ant-cascader-menu-item', { hasText: '宜昌市' }).click();
    await cascader.locator('.ant-cascader-menu-item', { hasText: '西陵区' }).click();
    await expect.poll(() => visitor.locator('.ant-cascader-dropdown:visible').count(), POLL).toBe(0);
    await expect.poll(() => visitor.locator('[data-testid="register-county"]').innerText(), POLL).toContain('西陵区');
    await pick(visitor, '#parkId', '宜昌高新技术产业开发区');
    await visitor.fill('[data-testid="register-contact-person"]', '刘经理');
    await visitor.fill('[data-testid="register-contact-phone"]', '0717-6123456');
    await visitor.fill('[data-testid="register-password"]', enterprisePassword);
    await visitor.fill('[data-testid="register-confirm-password"]', enterprisePassword);
    await visitor.click('[data-testid="register-submit"]');
    await waitForOrReport(visitor, '[data-testid="register-done"]');
    expect(await visitor.locator('[data-testid="register-username"]').innerText()).toBe(`enterprise.${creditCode}`);
    await fitsThePhone(visitor);

    // 2. The county bureau approves the registration from 待审核; that opens the account.
    const county = await signInDesktop('county.420502', 'enterprises', '[data-testid="enterprise-table"]');
    await county.click('[data-testid="tab-pending"]');
    const pendingRow = county.locator('[data-testid="enterprise-row"]', { hasText: creditCode });
    await expect.poll(() => pendingRow.count(), POLL).toBe(1);
    expect(await pendingRow.getAttribute('data-status')).toBe('pending');
    await pendingRow.locator('[data-testid="enterprise-review"]').click();
    await county.locator('[data-testid="review-form"]').waitFor();
    await county.locator('[data-testid="review-decision"]').getByText('通过').click();
    await county.fill('[data-testid="review-comment"]', '信用代码及经营信息核实无误，同意注册。');
    await clickInModal(county, '[data-testid="review-submit"]');
    await expect.poll(() => county.locator('.ant-modal:visible').count(), POLL).toBe(0);
    await county.click('[data-testid="tab-all"]');
    await expect
      .poll(
        () => county.locator('[data-testid="enterprise-row"]', { hasText: creditCode }).getAttribute('data-status'),
        POLL,
      )
      .toBe('approved');

    // 3. Back in the directory, the enterprise asks the centre for a service: signed out, it signs in first and
    // lands on the request form with the centre chosen.
    await visitor.click('[data-testid="register-done"] a[href="/public/centres"]');
    await expect.poll(() => card.count(), POLL).toBe(1);
    await card.locator('[data-testid="public-centre-request"]').click();
    await expect.poll(() => new URL(visitor.url()).pathname, POLL).toBe('/login');
    expect(new URL(visitor.url()).searchParams.get('next')).toBe(`/my/services/new?centreId=${centreId}`);
    await fitsThePhone(visitor);
    await visitor.fill('#username', `enterprise.${creditCode}`);
    await visitor.fill('#password', enterprisePassword);
    await visitor.click('[data-testid="login-submit"]');
    await waitForOrReport(visitor, '[data-testid="request-submit"]');
    expect(new URL(visitor.url()).pathname).toBe('/my/services/new');
    await expect.poll(() => visitor.locator('[data-testid="request-centre"]').innerText(), POLL).toContain(centreName);
    await waitForOrReport(visitor, '[data-testid="request-centre-contact"]');
    await fitsThePhone(visitor);

    await pick(visitor, '#category', '退税服务');
    await expect
      .poll(() => visitor.locator('[data-testid="request-category"]').innerText(), POLL)
      .toContain('退税服务');
    await pick(visitor, '#subItem');
    await expect
      .poll(() => visitor.locator('[data-testid="request-sub-item"]').innerText(), POLL)
      .toContain('退税单证整理');
    const requestText = '我司上月出口一批机电产品，需协助整理出口退税单证并完成申报，请安排专人对接。';
    await visitor.fill('[data-testid="request-text"]', requestText);
    await visitor.click('[data-testid="request-submit"]');
    await waitForOrReport(visitor, '[data-testid="my-service-number"]');
    await expect.poll(() => new URL(visitor.url()).pathname, POLL).toMatch(/^\/my\/services\/\d+$/);
    const number = await visitor.locator('[data-testid="my-service-number"]').innerText();
    expect(number).toMatch(/^FW\d{4}\d{6}$/);
    await expect.poll(() => myStatus(visitor).innerText(), POLL).toBe('待受理');
    expect(await visitor.locator('[data-testid="my-service-request-text"]').innerText()).toBe(requestText);
    await fitsThePhone(visitor);

    // 4. The centre opens the record from its list, accepts it, logs two steps and completes it.
    const centre = await signInDesktop(operatorUsername, 'services', '[data-testid="service-table"]');
    const serviceRow = centre.locator('[data-testid="service-row"]', { hasText: number });
    await expect.poll(() => serviceRow.count(), POLL).toBe(1);
    expect(await serviceRow.innerText()).toContain(enterpriseName);
    await serviceRow.locator('[data-testid="service-link"]').click();
    await waitForOrReport(centre, '[data-testid="service-detail"]');
    expect(await centre.locator('[data-testid="service-number"]').innerText()).toBe(number);
    const centreStatus = centre.locator('[data-testid="service-detail"] .ant-card-head [data-testid="service-status"]');
    await expect.poll(() => centreStatus.getAttribute('data-status'), POLL).toBe('submitted');

    await centre.click('[data-testid="step-accept"]');
    await expect.poll(() => centreStatus.getAttribute('data-status'), POLL).toBe('accepted');
    const timeline = centre.locator('[data-testid="progress-timeline"]');
    const progressNotes = [
      '已核对报关单、增值税专用发票及收汇凭证，单证齐全。',
      '退税申报数据已通过电子税务局提交，等待税务机关审核。',
    ];
    for (const note of progressNotes) {
      await waitForOrReport(centre, '[data-testid="step-progress"]');
      await centre.click('[data-testid="step-progress"]');
      await centre.locator('.ant-modal:visible').waitFor();
      await centre.fill('[data-testid="progress-text"]', note);
      await clickInModal(centre, '[data-testid="progress-submit"]');
      await expect.poll(() => centre.locator('.ant-modal:visible').count(), POLL).toBe(0);
      // Shown from the refreshed record, whose version the next step then sends.
      await expect.poll(() => timeline.innerText(), POLL).toContain(note);
    }
    const resultText = '退税申报已审核通过，退税款预计五个工作日内到账。';
    await centre.click('[data-testid="step-complete"]');
    await centre.locator('.ant-modal:visible').waitFor();
    await centre.fill('[data-testid="complete-text"]', resultText);
    await clickInModal(centre, '[data-testid="complete-submit"]');
    await expect.poll(() => centreStatus.getAttribute('data-status'), POLL).toBe('completed');
    expect(await centreStatus.innerText()).toBe('已办结');
    await expect.poll(() => centre.locator('[data-testid="step-progress"]').count(), POLL).toBe(0);

    // 5. On the phone, the enterprise finds the record completed in 我的服务, follows its progress and rates it.
    await visitor.goto(`${baseUrl}/my/services`);
    const myCard = visitor.locator(`[data-testid="my-service-card-${number}"]`);
    await expect.poll(() => myCard.count(), POLL).toBe(1);
    await expect.poll(() => myCard.locator('[data-testid="my-service-status"]').innerText(), POLL).toBe('已办结');
    await fitsThePhone(visitor);
    await myCard.click();
    await waitForOrReport(visitor, '[data-testid="rate-form"]');
    expect(await visitor.locator('[data-testid="my-service-number"]').innerText()).toBe(number);
    expect(await myStatus(visitor).innerText()).toBe('已办结');
    const myTimeline = visitor.locator('[data-testid="progress-timeline"]');
    for (const note of progressNotes) expect(await myTimeline.innerText()).toContain(note);
    expect(await myTimeline.innerText()).toContain(resultText);
    expect(await visitor.locator('body').innerText()).toContain(resultText);
    await fitsThePhone(visitor);

    await visitor.click('[data-testid="rate-level-satisfied"]');
    await expect
      .poll(() => visitor.locator('[data-testid="rate-level-satisfied"]').getAttribute('aria-checked'), POLL)
      .toBe('true');
    // 办事效率: five stars; the other two sub-scores are left out, as the form allows.
    await visitor.locator('[data-testid="rate-efficiency"] .ant-rate-star').nth(4).click();
    const comment = '响应及时，单证整理专业，退税办理顺利。';
    await visitor.fill('[data-testid="rate-comment"]', comment);
    await visitor.click('[data-testid="rate-submit"]');
    await waitForOrReport(visitor, '[data-testid="rating-view"]');
    const shownRating = async (page: Page) => {
      expect(await page.locator('[data-testid="rating-view"] [data-testid="rating-level"]').innerText()).toBe('满意');
      const view = await page.locator('[data-testid="rating-view"]').innerText();
      expect(view).toContain(comment);
      expect(view.match(/未评分/g)).toHaveLength(2);
      // Read-only: nothing left to rate with.
      expect(await page.locator('[data-testid="rate-submit"], [data-testid^="rate-level-"]').count()).toBe(0);
    };
    await shownRating(visitor);
    await fitsThePhone(visitor);
    // It stays so on the record as the server now gives it.
    await visitor.reload();
    await waitForOrReport(visitor, '[data-testid="rating-view"]');
    await shownRating(visitor);

    // 6. The province sees the rating in the centre's figures (this year so far, the page's default window).
    const province = await signInDesktop('province', 'serviceStats', '[data-testid="stats-centre-table"]');
    const figures = province.locator(`[data-testid="stats-centre-table"] tr[data-row-key="${centreId}"]`);
    await expect.poll(() => figures.count(), POLL).toBe(1);
    expect(await figures.innerText()).toContain(centreName);
    await expect.poll(() => figures.locator('[data-testid="centre-rated"]').innerText(), POLL).toBe('1');
    expect(await figures.locator('[data-testid="centre-total"]').innerText()).toBe('1');
    expect(await figures.locator('[data-testid="centre-completed"]').innerText()).toBe('1');
    expect(await figures.locator('[data-testid="centre-ratingRate"]').innerText()).toBe('100%');
    expect(await figures.locator('[data-testid="centre-goodRate"]').innerText()).toBe('100%');
  });
});
