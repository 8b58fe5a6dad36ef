import { inArray } from 'drizzle-orm';
import type { TFundingFigures } from '../../../contracts/funding';
import type { TFundingFiguresAnswer, TFundingFiguresLine } from '../../../contracts/funding-entitlement';
import type { RequestContext } from '../../context';
import { centres, fundingEntitlements, fundingFigures, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { fundingScope } from '../../lib/access/scope';
import { readFundingFigures } from '../figures';

const zero = (): TFundingFigures => ({ dueFen: 0, paidFen: 0, withheldFen: 0, toRecoverFen: 0, recoveredFen: 0 });
const add = (into: TFundingFigures, r: TFundingFigures) => {
  into.dueFen += r.dueFen;
  into.paidFen += r.paidFen;
  into.withheldFen += r.withheldFen;
  into.toRecoverFen += r.toRecoverFen;
  into.recoveredFen += r.recoveredFen;
};

/**
 * The funding overview (Art. 11, issue 15): for a year (the latest with figures unless asked), the five sums — due,
 * paid, withheld, to recover, recovered — by city (the province's default) or by centre (a city's, a county's, a
 * park's), with the total. Read only from the funding figures (the figures layer), in the caller's scope; an operator
 * reads its own entitlements instead (funding_figures carries no operator).
 */
export async function fundingOverview(
  ctx: RequestContext,
  q: { year?: number | undefined; groupBy?: 'city' | 'centre' | undefined },
): Promise<TFundingFiguresAnswer> {
  const user = requireAction(ctx.user, 'funding.read');
  const db = ctx.deps.db;
  const groupBy = q.groupBy ?? (user.role === 'province' || user.role === 'admin' ? 'city' : 'centre');
  const where = fundingScope(user, {
    cityCode: fundingFigures.cityCode,
    countyCode: fundingFigures.countyCode,
    centreId: fundingFigures.centreId,
  });
  const all = await readFundingFigures(db, { where });
  // The years to pick from: those with figures, and those computed with nothing due or withheld yet (not a sum).
  const computed = await db
    .selectDistinct({ year: fundingEntitlements.year })
    .from(fundingEntitlements)
    .where(
      fundingScope(user, {
        cityCode: fundingEntitlements.cityCode,
        countyCode: fundingEntitlements.countyCode,
        centreId: fundingEntitlements.centreId,
        operatorId: fundingEntitlements.operatorId,
      }),
    );
  const years = [...new Set([...all.map((r) => r.year), ...computed.map((r) => Number(r.year))])].sort((a, b) => b - a);
  // The latest year with sums by default; a year computed with nothing due or withheld yet only when there is none.
  const year = q.year ?? (Math.max(...all.map((r) => r.year), 0) || (years[0] ?? null));
  const rows = all.filter((r) => r.year === year);
  const total = zero();
  for (const r of rows) add(total, r);
  if (rows.length === 0) return { year, years, groupBy, lines: [], total };
  const cityCodes = [...new Set(rows.map((r) => r.cityCode))];
  const cityNames = new Map(
    (
      await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, cityCodes))
    ).map((r) => [r.code, r.name]),
  );
  const byKey = new Map<string, TFundingFiguresLine>();
  if (groupBy === 'city') {
    for (const r of rows) {
      const line = byKey.get(r.cityCode) ?? {
        key: r.cityCode,
        name: cityNames.get(r.cityCode) ?? r.cityCode,
        cityCode: r.cityCode,
        cityName: cityNames.get(r.cityCode) ?? r.cityCode,
        centreId: null,
        ...zero(),
      };
      add(line, r);
      byKey.set(r.cityCode, line);
    }
  } else {
    const centreNames = new Map(
      (
        await db
          .select({ id: centres.id, name: centres.name })
          .from(centres)
          .where(
            inArray(
              centres.id,
              rows.map((r) => r.centreId),
            ),
          )
      ).map((c) => [c.id, c.name]),
    );
    for (const r of rows) {
      const line: TFundingFiguresLine = {
        key: String(r.centreId),
        name: centreNames.get(r.centreId) ?? String(r.centreId),
        cityCode: r.cityCode,
        cityName: cityNames.get(r.cityCode) ?? r.cityCode,
        centreId: r.centreId,
        ...zero(),
      };
      add(line, r);
      byKey.set(line.key, line);
    }
  }
  const lines = [...byKey.values()].sort((a, b) =>
    a.cityCode === b.cityCode ? a.name.localeCompare(b.name, 'zh-CN') : a.cityCode.localeCompare(b.cityCode),
  );
  return { year, years, groupBy, lines, total };
}
