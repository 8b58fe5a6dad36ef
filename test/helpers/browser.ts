import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/server/app';
import { TEST_PASSWORD } from './constants';

/** Debian's Chromium, when installed (`.ci/run` installs it). */
export function chromiumPath(): string | null {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim() || null;
  } catch {
    return null;
  }
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

/** The web app as the server serves it; built here when a test runs without `npm test`'s build step. */
export function ensureWebBuilt(): string {
  if (!fs.existsSync(path.join(DEFAULT_WEB_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  return DEFAULT_WEB_DIR;
}

/** How long a page may take to show something on a busy 2-core machine; assertions stay the same. */
export const E2E_POLL = { timeout: 20_000 };

/**
 * Open an antd Select and pick an option from its own dropdown. A dropdown closing on a busy machine stays visible
 * through its animation, so every other dropdown must be gone first (else "the first visible option" may be the
 * previous field's); and a click while the new one still slides in is lost, so wait for the animation to end.
 */
export async function pick(page: Page, selectId: string, text?: string): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), E2E_POLL).toBe(0);
  await page.click(selectId);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await expect.poll(async () => (await dropdown.getAttribute('class')) ?? '', E2E_POLL).not.toMatch(/-(appear|enter)/);
  const options = dropdown.locator('.ant-select-item-option');
  await (text ? options.filter({ hasText: text }).first() : options.first()).click();
}

/**
 * Click a button of the modal that has just opened. On a busy machine a click while the modal still zooms in can be
 * lost (the status then never changes), so wait for its opening animation to end first — as `pick` does for lists.
 */
export async function clickInModal(page: Page, selector: string): Promise<void> {
  const modal = page.locator('.ant-modal:visible').last();
  await modal.waitFor();
  await expect.poll(async () => (await modal.getAttribute('class')) ?? '', E2E_POLL).not.toMatch(/-(appear|enter)/);
  await page.click(selector);
}

/** Type a date into an antd DatePicker and let its panel close, so that it covers nothing else. */
export async function fillDate(page: Page, selector: string, day: string): Promise<void> {
  await page.click(selector);
  await page.fill(selector, day);
  await page.press(selector, 'Enter');
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count(), E2E_POLL).toBe(0);
  await expect.poll(() => page.inputValue(selector), E2E_POLL).toBe(day);
}

/** Wait for a selector; when it does not come, fail with what the page shows (a refusal, a field error). */
export async function waitForOrReport(page: Page, selector: string): Promise<void> {
  try {
    await page.locator(selector).first().waitFor();
  } catch (error) {
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(page gone)');
    throw new Error(`${selector} did not appear at ${page.url()}; the page shows:\n${shown}`, { cause: error });
  }
}

/** The sign-in page's form, as a user fills it: the fixture password unless another is given. */
export async function submitSignIn(
  page: Page,
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid="login-submit"]');
}
