import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres, serviceRatings, serviceRecords, users } from '../../src/server/db/schema';
import { loadDemo } from '../../src/server/demo/load-demo';
import { expectAccessible } from '../helpers/a11y';
import { chromiumPath, E2E_POLL, submitSignIn, waitForOrReport } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/constants';
import { type E2eApp, startE2eApp } from '../helpers/e2e';

const executable = chromiumPath();
if (!executable) console.warn('[e2e] skipped: no Chromium (apt-get install -y chromium fonts-noto-cjk)');

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };
type Viewport = typeof DESKTOP;
const ZONE = 'Asia/Shanghai';
/** Each test walks several pages and accounts; the assertions do not depend on how long that takes. */
const WALK = { timeout: 600_000 };

/**
 * Issue 11, "Accessible, as government sites must be" (GB/T 37668-2019, WCAG 2.0 AA, and the 适老化 requirements):
 * axe-core finds no serious or critical violation on each role's home page, the public pages, the main forms and
 * lists, at a desktop's and a phone's width; and the sign-in form works from the keyboard alone with a visible focus.
 * Accounts and records are looked up in the demo data by what they are, not by counts the demo happens to have.
 */
describe.skipIf(!executable)('browser: accessibility (axe-core, keyboard)', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let baseUrl: string;
  const pages: Page[] = [];
  /** Accounts found in the demo data: one per role, chosen for the forms they lead to. */
  const found = {
    county: '',
    enterprise: '',
    /** A completed service of that enterprise that it has not rated yet: the rating form. */
    unratedRecordId: 0,
    operator: '',
    /** The operator's centre (staff roster) and one of its services in progress (the progress form). */
    operatorCentreId: 0,
    inProgressRecordId: 0,
  };

  // The whole demo data set goes through the use cases; on a busy 2-core machine that takes minutes.
  beforeAll(async () => {
    e2e = await startE2eApp(executable as string, async (deps) => {
      await loadDemo(deps, TEST_PASSWORD);
      const [unrated] = await deps.db
        .select({ username: users.username, recordId: serviceRecords.id })
        .from(serviceRecords)
        .innerJoin(users, and(eq(users.enterpriseId, serviceRecords.enterpriseId), eq(users.role, 'enterprise')))
        .leftJoin(serviceRatings, eq(serviceRatings.recordId, serviceRecords.id))
        .where(and(eq(serviceRecords.status, 'completed'), isNull(serviceRatings.id)))
        .orderBy(asc(serviceRecords.id))
        .limit(1);
      const [working] = await deps.db
        .select({ username: users.username, centreId: serviceRecords.centreId, recordId: serviceRecords.id })
        .from(serviceRecords)
        .innerJoin(users, and(eq(users.centreId, serviceRecords.centreId), eq(users.role, 'operator')))
        .where(inArray(serviceRecords.status, ['accepted', 'in_progress']))
        .orderBy(asc(serviceRecords.id))
        .limit(1);
      // A county with a centre of its own: its home has something waiting and its parks fill the application form.
      const [county] = await deps.db
        .select({ username: users.username })
        .from(users)
        .innerJoin(centres, eq(centres.countyCode, users.regionCode))
        .where(eq(users.role, 'county'))
        .orderBy(asc(users.username))
        .limit(1);
      if (!unrated || !working || !county)
        throw new Error('the demo data holds no unrated completed service, no service in progress or no county');
      Object.assign(found, {
        county: county.username,
        enterprise: unrated.username,
        unratedRecordId: unrated.recordId,
        operator: working.username,
        operatorCentreId: working.centreId,
        inProgressRecordId: working.recordId,
      });
    });
    ({ baseUrl, browser } = e2e);
  }, 600_000);

  afterAll(async () => {
    await e2e?.close('accessibility', pages);
  });

  /**
   * A browser of its own (its own session) at the given size, signed in when a username is given. A check closes it
   * when it passes; one that fails leaves it open for e2e.close's screenshot.
   */
  async function open(viewport: Viewport, username?: string): Promise<Page> {
    const phone = viewport.width < 768;
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: ZONE,
      viewport,
      isMobile: phone,
      hasTouch: phone,
      // The pages allow scripts from the site only; axe-core is put in by the test.
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_POLL.timeout);
    pages.push(page);
    if (username) {
      await submitSignIn(page, baseUrl, username);
      await expect.poll(() => new URL(page.url()).pathname, E2E_POLL).not.toBe('/login');
    }
    return page;
  }

  /** Wait until the page has drawn its data: no request in flight, no spinner or skeleton, no opening animation. */
  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document.querySelectorAll(
                '.ant-spin-spinning, .ant-skeleton-active, [class*="-appear"], [class*="-enter"], [class*="-leave"]',
              ).length,
          ),
        E2E_POLL,
      )
      .toBe(0);
  }

  /** Every violation of every page checked in one test, so that one run lists all there is to fix. */
  async function checkAll(checks: Array<() => Promise<void>>): Promise<void> {
    const problems: string[] = [];
    for (const check of checks) {
      try {
        await check();
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    expect(problems.join('\n\n')).toBe('');
  }

  async function visit(page: Page, path: string, ready: string, label: string): Promise<void> {
    await page.goto(`${baseUrl}${path}`);
    await waitForOrReport(page, ready);
    await settle(page);
    await expectAccessible(page, label);
  }

  /** Open a modal with its button and check the page with the modal in front. */
  async function openModal(page: Page, button: string, label: string): Promise<void> {
    await page.click(button);
    await page.locator('.ant-modal:visible').last().waitFor();
    await settle(page);
    await expectAccessible(page, label);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-modal:visible').count(), E2E_POLL).toBe(0);
  }

  it('the sign-in page and the public directory, on a desktop and on a phone', WALK, async () => {
    await checkAll(
      [DESKTOP, PHONE].flatMap((viewport) => [
        async () => {
          const page = await open(viewport);
          await visit(page, '/login', '#username', `sign-in ${viewport.width}px`);
          await visit(page, '/public/centres', '[data-testid="public-centre"]', `public directory ${viewport.width}px`);
          await page.context().close();
        },
      ]),
    );
  });

  it("each role's home page", WALK, async () => {
    const homes: Array<[string, Viewport]> = [
      ['admin', DESKTOP],
      ['province', DESKTOP],
      ['city.420100', DESKTOP],
      [found.county, DESKTOP],
      ['park.1', DESKTOP],
      [found.operator, DESKTOP],
      [found.enterprise, DESKTOP],
      [found.enterprise, PHONE],
      ['evaluator.1', DESKTOP],
    ];
    await checkAll(
      homes.map(([username, viewport]) => async () => {
        const page = await open(viewport, username);
        await waitForOrReport(page, 'main');
        await settle(page);
        await expectAccessible(page, `home of ${username} at ${viewport.width}px`);
        await page.context().close();
      }),
    );
  });

  it('the main lists and forms of the province, the county, the operator and the enterprise', WALK, async () => {
    await checkAll([
      async () => {
        const page = await open(DESKTOP, 'province');
        await visit(page, '/centres', '[data-testid="centre-table"]', 'centre list (province)');
        await visit(page, '/services', 'main .ant-table', 'service records (province)');
        // Issue 15: funding, payments, recoveries and sanctions.
        await visit(page, '/funding', '[data-testid="entitlements-table"]', 'funding (province)');
        await visit(page, '/funding/payments', '[data-testid="payments-table"]', 'payments (province)');
        await visit(page, '/funding/recoveries', '[data-testid="recoveries-table"]', 'recoveries (province)');
        await visit(page, '/sanctions', '[data-testid="sanction-table"]', 'sanctions (province)');
        await openModal(page, '[data-testid="change-password"]', 'change password (province)');
        await page.context().close();
      },
      async () => {
        const page = await open(DESKTOP, found.county);
        await visit(page, '/centres/new', 'form', `centre application form (${found.county})`);
        await page.context().close();
      },
      async () => {
        const page = await open(DESKTOP, found.operator);
        await visit(page, '/services', 'main .ant-table', `service records (${found.operator})`);
        await visit(page, `/centres/${found.operatorCentreId}`, '[data-testid="staff-card"]', 'centre detail');
        await openModal(page, '[data-testid="staff-add"]', 'staff form');
        await visit(page, `/services/${found.inProgressRecordId}`, '[data-testid="service-detail"]', 'service detail');
        await openModal(page, '[data-testid="step-progress"]', 'service progress form');
        await page.context().close();
      },
      ...[DESKTOP, PHONE].map((viewport) => async () => {
        const page = await open(viewport, found.enterprise);
        const at = `${viewport.width}px`;
        await visit(page, '/my/services/new', 'form', `service request form ${at}`);
        await visit(page, `/my/services/${found.unratedRecordId}`, '[data-testid="rate-form"]', `rating form ${at}`);
        await page.context().close();
      }),
    ]);
  });

  it('the sign-in form is filled and sent with the keyboard alone, and shows where the focus is', WALK, async () => {
    const page = await open(DESKTOP);
    await page.goto(`${baseUrl}/login`);
    await waitForOrReport(page, '#username');
    await settle(page);
    /** What draws a focus ring around a control: its own outline and shadow, and those of antd's field wrapper. */
    const ring = (selector: string) =>
      page.locator(selector).evaluate((el) => {
        const boxes = [el, el.closest('.ant-input-affix-wrapper, .ant-input-outlined')].filter(
          (e): e is Element => e !== null,
        );
        return boxes
          .map((e) => {
            const s = getComputedStyle(e);
            return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow} | ${s.borderColor}`;
          })
          .join(' || ');
      });
    const isFocused = (selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);
    const submit = '[data-testid="login-submit"]';

    // The page puts the focus in the user name on arrival, so a person can start typing at once.
    expect(await isFocused('#username')).toBe(true);
    const unfocused = { password: await ring('#password'), submit: await ring(submit) };
    const usernameFocused = await ring('#username');
    await page.keyboard.type('province');
    await page.keyboard.press('Tab');
    expect(await isFocused('#password'), 'Tab goes from the user name to the password').toBe(true);
    expect(await ring('#password'), 'the password field shows it has the focus').not.toBe(unfocused.password);
    expect(await ring('#username'), 'the user name no longer looks focused').not.toBe(usernameFocused);
    await page.keyboard.type(TEST_PASSWORD);
    // The eye that shows the password may come between the field and the button.
    for (let i = 0; i < 3 && !(await isFocused(submit)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(submit), 'Tab reaches the sign-in button').toBe(true);
    expect(await ring(submit), 'the sign-in button shows it has the focus').not.toBe(unfocused.submit);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, E2E_POLL).toBe('/');
    await waitForOrReport(page, '[data-testid="current-user"]');
    await page.context().close();
  });
});
