import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../context';
import { decisionLetters } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { zhDate } from '../../policy/rules/deadlines';
import { findCentre } from './centre.repository';

const TITLES = { approval: '核准设立', adjustment: '调整', revocation: '撤销' } as const;

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The print button's one line of script; the page's policy allows exactly it, by its hash, and nothing else. */
export const PRINT_SCRIPT = "document.getElementById('print').addEventListener('click',()=>window.print());";

/**
 * The letter's own Content-Security-Policy (it replaces the app's on this route): no script but the print button's,
 * its inline styles, the system's CJK fonts, and never framed.
 */
export const LETTER_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`,
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The decision letter (决定书) as a print-ready A4 page with Chinese fonts: number, date, centre, reason and legal
 * basis (issue 4). Only those whose scope holds the centre may open it.
 */
export async function printDecisionLetter(ctx: RequestContext, id: number): Promise<string> {
  const user = requireAction(ctx.user, 'decision.read');
  const db = ctx.deps.db;
  const [letter] = await db.select().from(decisionLetters).where(eq(decisionLetters.id, id)).limit(1);
  const centre = letter ? await findCentre(db, centreScope(user), letter.centreId) : undefined;
  if (!letter || !centre) throw new AppError('NOT_FOUND', { id });
  const title = `关于${TITLES[letter.kind]}${centre.name}的决定`;
  const body =
    letter.kind === 'approval'
      ? `经审核，${centre.parkName}（${centre.cityName}${centre.countyName}）设立外贸综合服务中心的申请符合规定条件，现予核准设立“${centre.name}”。`
      : letter.kind === 'adjustment'
        ? `根据实际发展需要，现决定对“${centre.name}”作出调整，调整事项详见附件。`
        : `现决定撤销“${centre.name}”外贸综合服务中心认定。`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(letter.number)} ${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 16pt;
         line-height: 1.8; color: #000; max-width: 160mm; margin: 24px auto; }
  .issuer { text-align: center; color: #c00; font-size: 26pt; font-weight: bold; letter-spacing: 4px; }
  .rule { border-top: 2px solid #c00; margin: 8px 0 16px; }
  .number { text-align: center; font-family: "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
  h1 { text-align: center; font-size: 20pt; font-weight: bold; margin: 24px 0; }
  p { text-indent: 2em; margin: 0 0 8px; }
  .sign { text-align: right; margin-top: 48px; }
  .demo { border: 1px dashed #999; color: #666; padding: 4px 8px; font-size: 11pt; text-indent: 0; }
  .toolbar { text-align: right; font-family: sans-serif; } @media print { .toolbar, .demo { display: none; } }
</style></head><body>
<div class="toolbar"><button id="print" type="button">打印 / Print</button></div>
${centre.isDemo ? '<p class="demo">演示数据 · Demo data</p>' : ''}
<div class="issuer">湖北省商务厅</div>
<div class="number">${escapeHtml(letter.number)}</div>
<div class="rule"></div>
<h1>${escapeHtml(title)}</h1>
<p style="text-indent:0">${escapeHtml(centre.cityName)}商务局：</p>
<p>${escapeHtml(body)}</p>
<p>事由：${escapeHtml(letter.reason)}</p>
<p>依据：${escapeHtml(letter.legalBasis)}。</p>
<p>请按照有关规定做好后续工作。</p>
<div class="sign"><div>${escapeHtml(letter.issuedBy)}</div><div>${zhDate(letter.issuedOn)}</div></div>
<script>${PRINT_SCRIPT}</script>
</body></html>`;
}
