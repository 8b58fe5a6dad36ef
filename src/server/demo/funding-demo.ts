import { asc, isNotNull } from 'drizzle-orm';
import type { Deps, RequestContext } from '../context';
import { engagements } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { computeYearEntitlements } from '../modules/funding';
import { recordMatchingFund } from '../modules/funding/matching-funds';
import { beijingDay } from '../policy/policy';
import { addDays } from '../policy/rules/deadlines';
import { depsAt } from './factories';

/**
 * The demo's funding (issue 15, Art. 11): the province has computed this year's entitlements — the demo's centres
 * were filed with the province this year, so each shows why it is not yet eligible (one year of service after the
 * filing) and from when it will be — and the first two filed centres' city and county have recorded their matching
 * funds (配套资金), each with its document number.
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
  const computed = await deps.db.transaction((tx) =>
    computeYearEntitlements(tx, ctxAt(opts.province, opts.at), { year, at: opts.at }),
  );
  const filed = await deps.db
    .selectDistinctOn([engagements.centreId], {
      centreId: engagements.centreId,
      cityCode: engagements.cityCode,
      countyCode: engagements.countyCode,
      filedOn: engagements.filedOn,
    })
    .from(engagements)
    .where(isNotNull(engagements.filedOn))
    .orderBy(asc(engagements.centreId), asc(engagements.filedOn));
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
  return { entitlements: computed.created, matching };
}
