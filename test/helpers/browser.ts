import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { DEFAULT_WEB_DIR } from '../../src/server/app';

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
