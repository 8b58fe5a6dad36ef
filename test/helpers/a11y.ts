import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser build, injected into the page under test. */
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/**
 * What GB/T 37668-2019 asks of a government site, as axe-core names it: WCAG 2.0 and 2.1, levels A and AA. The
 * standard follows WCAG 2.0; the 2.1 rules add what the 适老化 requirements ask for too (text spacing, reflow,
 * content on hover).
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Violations that keep a person from using the page; moderate and minor ones are left to review. */
const BLOCKING = new Set(['serious', 'critical']);

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** One violation as a person reads it: the rule, what it asks, and every element that breaks it with the reason. */
function describe(v: AxeViolation): string {
  const nodes = v.nodes.map((n) => {
    const selector = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ');
    // axe's summary opens with "Fix any of the following:"; the lines after it say what is wrong.
    const why = (n.failureSummary ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter(Boolean)
      .join('; ');
    return `    - ${selector}${why ? `\n      ${why}` : ''}`;
  });
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})\n${nodes.join('\n')}`;
}

/**
 * Run axe-core over the page as it is now and fail listing every serious or critical WCAG 2.0/2.1 A/AA violation.
 * `label` names the page in the failure (role, page, width). The page's Content-Security-Policy allows scripts from
 * the site only: a page opened in a context without `bypassCSP: true` gets axe by evaluation instead of a tag.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const loaded = () => page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    await page.addScriptTag({ path: AXE_SCRIPT }).catch(() => undefined);
    if (!(await loaded())) {
      const fs = await import('node:fs/promises');
      await page.evaluate(await fs.readFile(AXE_SCRIPT, 'utf8'));
    }
  }
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return result.violations;
  }, WCAG_TAGS);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length > 0) {
    throw new Error(
      `${label} (${page.url()}): ${blocking.length} serious or critical accessibility violation(s):\n${blocking
        .map(describe)
        .join('\n')}`,
    );
  }
}
