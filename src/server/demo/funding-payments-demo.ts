import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Deps, RequestContext } from '../context';
import { centres, engagements, fundingEntitlements } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { reportFundUse } from '../modules/funding/fund-use-report';
import { confirmPayment } from '../modules/funding/payment-confirm';
import { recordPayment } from '../modules/funding/payment-record';
import { beijingDay } from '../policy/policy';
import { depsAt } from './factories';

/*
 * Issue 15 demo: payments with the four-eyes rule and a fund-use report, on the first operating centre. The city has
 * a second official (city.<code>.2) so that the flow can be tried: one payment confirmed, one recorded by the second
 * official and waiting for city.<code> to confirm it, and the operator's report with one line outside the
 * agreement's fund-use lines (flagged). Against the latest entitlement the province's computation found due on a
 * filed centre with fund-use lines — last year's of a legacy centre (funding-demo.ts); none due, no payments
 * (decision 0033).
 */
export interface DemoFundingOptions {
  /** Adds a demo account (load-demo's `add`). */
  addCityOfficial: (username: string, cityCode: string, displayName: string) => Promise<SessionUser>;
  who: (username: string) => SessionUser;
  at: (daysAgo: number, hour?: number) => Date;
}

export async function loadDemoPayments(deps: Deps, opts: DemoFundingOptions): Promise<{ payments: number } | null> {
  const [e] = await deps.db
    .select({
      id: fundingEntitlements.id,
      centreId: engagements.centreId,
      operatorId: engagements.operatorId,
      cityCode: engagements.cityCode,
      year: fundingEntitlements.year,
      amountFen: fundingEntitlements.amountFen,
      centreName: centres.name,
    })
    .from(fundingEntitlements)
    .innerJoin(
      engagements,
      and(
        eq(engagements.centreId, fundingEntitlements.centreId),
        eq(engagements.operatorId, fundingEntitlements.operatorId),
      ),
    )
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .where(
      and(
        eq(fundingEntitlements.status, 'due'),
        eq(engagements.status, 'filed'),
        sql`${engagements.fundScope} <> '[]'::jsonb`,
      ),
    )
    .orderBy(desc(fundingEntitlements.year), asc(engagements.centreId))
    .limit(1);
  if (!e) return null;
  const today = beijingDay(deps.clock());
  const year = Number(e.year);
  const entitlement = { id: e.id };
  const half = Math.floor(e.amountFen / 2);
  const quarter = Math.floor(e.amountFen / 4);
  const first = opts.who(`city.${e.cityCode}`);
  const second = await opts.addCityOfficial(`city.${e.cityCode}.2`, e.cityCode, '财务复核（演示）');
  const ctx = (user: SessionUser, daysAgo: number, hour = 10): RequestContext => ({
    deps: depsAt(deps, opts.at(daysAgo, hour)),
    user,
    ip: null,
    requestId: 'demo',
    locale: 'zh-CN',
  });
  const day = (d: Date) => beijingDay(d);
  // The first half, recorded by the city's official and confirmed by the second with the finance bureau's voucher.
  const paid = await recordPayment(ctx(first, 20), {
    entitlementId: entitlement.id,
    amountFen: half,
    paidOn: day(opts.at(20)),
    note: `${year}年度外综服中心支持资金第一批`,
  });
  await confirmPayment(ctx(second, 18, 15), paid.id, {
    version: paid.version,
    voucherNumber: `财拨〔${today.slice(0, 4)}〕${String(e.centreId).padStart(3, '0')}号`,
    voucherDate: day(opts.at(18)),
  });
  // The second part, recorded by the second official: city.<code> confirms it (待复核).
  await recordPayment(ctx(second, 2), {
    entitlementId: entitlement.id,
    amountFen: quarter,
    paidOn: day(opts.at(2)),
    note: `${year}年度外综服中心支持资金第二批`,
  });
  const operator = opts.who(`operator.${e.centreId}`);
  await reportFundUse(ctx(operator, 1, 16), {
    entitlementId: entitlement.id,
    lines: [
      {
        fundLineItem: '派驻人员劳务',
        description: '派驻人员劳务费（三个月）',
        amountFen: 9_600_000,
        spentOn: day(opts.at(10)),
      },
      {
        fundLineItem: '培训交流与市场开拓活动',
        description: '跨境电商专题培训两场',
        amountFen: 3_200_000,
        spentOn: day(opts.at(8)),
      },
      // Outside the agreement's lines: flagged for the city (Art. 11 专款专用).
      { fundLineItem: null, description: '员工团建活动', amountFen: 1_500_000, spentOn: day(opts.at(6)) },
    ],
    note: `${e.centreName}${year}年度资金使用情况（第一次报告）`,
  });
  return { payments: 2 };
}
