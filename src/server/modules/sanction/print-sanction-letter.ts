import { SANCTION_GROUND_NAMES, SANCTION_KIND_NAMES } from '../../../contracts/sanction';
import type { RequestContext } from '../../context';
import { zhDate } from '../../policy/rules/deadlines';
import { PRINT_SCRIPT } from '../centre/print-decision-letter';
import { effectsOf, findSanction } from './get-sanction';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Whole fen as 元 with two decimals and thousands separators, by integer arithmetic (never a float). */
export function fenAsYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} 元`;
}

/**
 * The 处理决定书 as a print-ready A4 page (issue 15), like the centres' decision letters: number, operator, grounds
 * with their articles, facts, effects (engagements ended, sums to recover), date, 湖北省商务厅. Served with the
 * letters' own Content-Security-Policy (LETTER_CSP).
 */
export async function printSanctionLetter(ctx: RequestContext, id: number): Promise<string> {
  const { row } = await findSanction(ctx, id);
  const s = row.s;
  const effects = effectsOf(s.effects);
  const kind = SANCTION_KIND_NAMES[s.kind]['zh-CN'];
  const title = `关于对${row.operatorName}${kind}的决定`;
  const grounds = s.grounds
    .map(
      (g) =>
        `<li>${escapeHtml(SANCTION_GROUND_NAMES[g].article)}：${escapeHtml(SANCTION_GROUND_NAMES[g]['zh-CN'])}</li>`,
    )
    .join('');
  const decision =
    s.kind === 'blacklist'
      ? `根据《湖北省对外贸易综合服务中心认定管理办法》第十四条，决定将${row.operatorName}列入黑名单，取消其外综服企业承办资格，并追回已拨付的财政补助资金。`
      : `根据《湖北省对外贸易综合服务中心认定管理办法》${s.grounds.map((g) => SANCTION_GROUND_NAMES[g].article).join('、')}，决定取消${row.operatorName}的外综服企业承办资格。`;
  const ended = effects.engagementsEnded.length
    ? `<p>该企业承办的以下外综服中心的承办服务自本决定作出之日起终止，由所在县（市、区）商务主管部门按政府采购程序重新确定承接机构：${effects.engagementsEnded.map((e) => escapeHtml(e.centreName)).join('、')}。</p>`
    : '<p>该企业目前未承办外综服中心。</p>';
  const recovery = effects.recoveryCalledFor
    ? effects.recoveries.length
      ? `<p>列入追回清单的已拨付资金共 ${effects.recoveries.length} 笔，合计 ${fenAsYuan(effects.recoveryTotalFen)}：</p><table><thead><tr><th>外综服中心</th><th>年度</th><th>拨付日期</th><th>应追回金额</th></tr></thead><tbody>${effects.recoveries
          .map(
            (r) =>
              `<tr><td>${escapeHtml(r.centreName)}</td><td>${r.year}</td><td>${zhDate(r.paidOn)}</td><td class="num">${fenAsYuan(r.dueFen)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>经核查，该企业无已确认拨付的财政补助资金，无需追回。</p>'
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(s.letterNumber)} ${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 16pt;
         line-height: 1.8; color: #000; max-width: 160mm; margin: 24px auto; }
  .issuer { text-align: center; color: #c00; font-size: 26pt; font-weight: bold; letter-spacing: 4px; }
  .rule { border-top: 2px solid #c00; margin: 8px 0 16px; }
  .number { text-align: center; font-family: "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
  h1 { text-align: center; font-size: 20pt; font-weight: bold; margin: 24px 0; }
  p { text-indent: 2em; margin: 0 0 8px; }
  ul { margin: 0 0 8px 2em; padding: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 13pt; margin: 0 0 8px; }
  th, td { border: 1px solid #000; padding: 2px 6px; } .num { text-align: right; }
  .sign { text-align: right; margin-top: 48px; }
  .toolbar { text-align: right; font-family: sans-serif; } @media print { .toolbar { display: none; } }
</style></head><body>
<div class="toolbar"><button id="print" type="button">打印 / Print</button></div>
<div class="issuer">湖北省商务厅</div>
<div class="number">${escapeHtml(s.letterNumber)}</div>
<div class="rule"></div>
<h1>${escapeHtml(title)}</h1>
<p style="text-indent:0">${escapeHtml(row.operatorName)}（统一社会信用代码：${escapeHtml(row.creditCode)}）：</p>
<p>经查，${escapeHtml(s.facts)}</p>
<p>上述行为属于以下情形：</p>
<ul>${grounds}</ul>
<p>${escapeHtml(decision)}</p>
${ended}
${recovery}
<p>本决定自${zhDate(s.effectiveOn)}起生效。</p>
<div class="sign"><div>湖北省商务厅</div><div>${zhDate(s.decidedOn)}</div></div>
<script>${PRINT_SCRIPT}</script>
</body></html>`;
}
