import { asc, isNotNull, sql } from 'drizzle-orm';
import type { Deps, RequestContext } from '../context';
import { engagements } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { computeYearEntitlements } from '../modules/funding';
import { recordMatchingFund } from '../modules/funding/matching-funds';
import { beijingDay } from '../policy/policy';
import { addDays } from '../policy/rules/deadlines';
import { makePublishedResult } from './assessment-factory';
import { depsAt } from './factories';

/**
 * The demo's funding (issue 15, Art. 11): the province has computed last year's and this year's entitlements. Most
 * demo centres were filed with the province this year, so each shows why it is not yet eligible (one year of service
 * after the filing) and from when it will be. The first two filed centres are "legacy" ones: their operators were
 * filed two years ago, before the platform (records entered about earlier days), and last year's grades were
 * published, so last year's entitlements are due — real money the payments demo pays against. Their city and county
 * have recorded this year's matching funds (配套资金), each with its document number.
 */
export async function loadDemoFunding(
  deps: Deps,
  opts: {
    province: SessionUser;
    cityOf: (cityCode: string) => SessionUser | undefined;
    countyOf: (countyCode: string) => SessionUser | undefined;
    at: Date;
  },
): Promise<{ entitlements: number; matching: number }> {
  const ctxAt = (user: SessionUser, at: Date): RequestContext => ({
    deps: depsAt(deps, at),
    user,
    ip: null,
    requestId: 'demo',
    locale: 'zh-CN',
  });
  const today = beijingDay(opts.at);
  const year = Number(today.slice(0, 4));
  const filed = await deps.db
    .selectDistinctOn([engagements.centreId], {
      id: engagements.id,
      centreId: engagements.centreId,
      operatorId: engagements.operatorId,
      cityCode: engagements.cityCode,
      countyCode: engagements.countyCode,
      filedOn: engagements.filedOn,
    })
    .from(engagements)
    .where(isNotNull(engagements.filedOn))
    .orderBy(asc(engagements.centreId), asc(engagements.filedOn));
  await makeLegacyCentres(deps, filed.slice(0, 2), { year, at: opts.at });
  // Art. 11, 12(三): last year's grades are published, so its entitlements are computed (the publication would).
  let created = 0;
  for (const y of [year - 1, year]) {
    const computed = await deps.db.transaction((tx) =>
      computeYearEntitlements(tx, ctxAt(opts.province, opts.at), { year: y, at: opts.at }),
    );
    created += computed.created;
  }
  let matching = 0;
  for (const [i, c] of filed.slice(0, 2).entries()) {
    const granted = addDays(today, -20 + i * 3);
    const city = opts.cityOf(c.cityCode);
    const county = opts.countyOf(c.countyCode);
    if (city) {
      await recordMatchingFund(ctxAt(city, opts.at), {
        centreId: c.centreId,
        year,
        source: 'city',
        amountFen: (150_000 + i * 50_000) * 100,
        documentNumber: `市商务局配套〔${year}〕${11 + i}号`,
        grantedOn: granted,
        note: '用于服务窗口运行及政策宣讲活动',
      });
      matching++;
    }
    if (county) {
      await recordMatchingFund(ctxAt(county, opts.at), {
        centreId: c.centreId,
        year,
        source: 'county',
        amountFen: 80_000 * 100,
        documentNumber: `县商务局配套〔${year}〕${5 + i}号`,
        grantedOn: addDays(granted, 2),
      });
      matching++;
    }
  }
  return { entitlements: created, matching };
}

/**
 * Legacy centres (recognised and filed before the platform's history): each engagement's tender, agreement, report
 * and filing are moved to December of the year before last (records of earlier days entered on the platform), so
 * that a year of service after the filing is reached by 31 December of last year (Art. 11), while the three-year
 * service period is not yet in its last year (no re-procurement prompt, Art. 10(三)); the service period and the
 * annual contracts move with the service start. Last year's grade is published for the centre with its operator
 * (优秀 for the first, 良好 for the second), a few months into this year.
 */
async function makeLegacyCentres(
  deps: Deps,
  centres: { id: number; centreId: number; operatorId: number; filedOn: string | null }[],
  opts: { year: number; at: Date },
): Promise<void> {
  const y = opts.year - 2;
  for (const [i, c] of centres.entries()) {
    if (!c.filedOn) continue;
    const start = `${y}-12-${10 + i}`;
    await deps.db.execute(sql`
      update engagements set
        service_end = service_end - (service_start - ${start}::date),
        filing_deadline = filing_deadline - (signed_on - ${start}::date),
        announced_on = ${`${y}-11-${12 + i}`}::date, awarded_on = ${`${y}-12-0${3 + i}`}::date,
        service_start = ${start}::date, signed_on = ${start}::date,
        reported_on = ${`${y}-12-${16 + i}`}::date, filed_on = ${`${y}-12-${20 + i}`}::date
      where id = ${c.id}`);
    await deps.db.execute(sql`
      update annual_contracts a set
        period_start = a.period_start - (e.shift), period_end = a.period_end - (e.shift),
        signed_on = a.signed_on - (e.shift)
      from (select id, (select min(period_start) from annual_contracts where engagement_id = ${c.id})
              - ${start}::date as shift from engagements where id = ${c.id}) e
      where a.engagement_id = e.id`);
    const published = new Date(
      Math.min(Date.parse(`${opts.year}-04-15T02:00:00Z`), opts.at.getTime() - 7 * 86_400_000),
    );
    await makePublishedResult(deps.db, {
      centreId: c.centreId,
      year: opts.year - 1,
      grade: i === 0 ? 'excellent' : 'good',
      total: i === 0 ? '92.50' : '84.00',
      operatorId: c.operatorId,
      at: published,
    });
  }
}
