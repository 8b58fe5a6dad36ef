import type { TFundUseReportInput } from '../../../contracts/funding';
import type { TFundUseReport } from '../../../contracts/funding-payments';
import { auditContext, type RequestContext } from '../../context';
import { fundUseReports } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { agreementFundLines } from './fund-use-lines';
import { getFundUseReport } from './fund-use-list';
import { entitlementInScope } from './payment-record';

/**
 * 资金使用报告 (Art. 11 专款专用): the operator reports how it used an entitlement's funds, line by line, each under
 * one of the agreement's fund-use lines or outside them (null). A line naming an item the agreement does not list is
 * refused (400, the field named); a line outside the agreement is accepted and flagged, as is a report that takes
 * the use reported so far above what was paid — the city, the county and the province see the flags.
 */
export async function reportFundUse(ctx: RequestContext, input: TFundUseReportInput): Promise<TFundUseReport> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const ent = await entitlementInScope(db, ctx.user, input.entitlementId);
  const user = requireAction(ctx.user, 'funding.reportUse');
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const year = Number(ent.year);
  const agreement = await agreementFundLines(db, { centreId: ent.centreId, operatorId: ent.operatorId, year });
  const items = new Set(agreement.lines.map((l) => l.item));
  input.lines.forEach((line, i) => {
    if (line.fundLineItem !== null && !items.has(line.fundLineItem)) {
      const listed = [...items].join('、') || '（无）';
      throw invalidField(`lines[${i}].fundLineItem`, {
        'zh-CN': `“${line.fundLineItem}”不是三方合作协议列明的资金使用范围（${listed}）；协议外的支出请选择“协议范围外”`,
        en: `"${line.fundLineItem}" is not one of the agreement's fund-use lines (${listed}); choose "outside the agreement" for other spending`,
      });
    }
    if (line.spentOn > today) {
      throw invalidField(`lines[${i}].spentOn`, {
        'zh-CN': `支出日期不能晚于今天（${today}）`,
        en: `cannot be after today (${today})`,
      });
    }
  });
  const totalFen = input.lines.reduce((s, l) => s + l.amountFen, 0);
  const outsideScopeFen = input.lines.filter((l) => l.fundLineItem === null).reduce((s, l) => s + l.amountFen, 0);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fundUseReports)
      .values({
        entitlementId: ent.id,
        centreId: ent.centreId,
        operatorId: ent.operatorId,
        year: ent.year,
        cityCode: ent.cityCode,
        countyCode: ent.countyCode,
        lines: input.lines,
        totalFen,
        outsideScopeFen,
        note: input.note ?? null,
        submittedBy: user.id || null,
        submittedByName: user.displayName,
        submittedAt: now,
      })
      .returning({ id: fundUseReports.id });
    if (!row) throw new Error('fund-use report not written');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'funding.use.reported',
      objectType: 'fund_use_report',
      objectId: row.id,
      before: null,
      after: {
        entitlementId: ent.id,
        year,
        lines: input.lines.length,
        totalFen,
        outsideScopeFen,
        agreementNumber: agreement.agreementNumber,
        article: '第十一条',
      },
    });
    return row.id;
  });
  return getFundUseReport(ctx, id);
}
