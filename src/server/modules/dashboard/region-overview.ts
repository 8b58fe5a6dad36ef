import { and, asc, type Column, eq, type SQL, sql } from 'drizzle-orm';
import { GRADES } from '../../../contracts/assessment';
import { RECOGNISED_STATUSES } from '../../../contracts/centre';
import type { TRegionOverview, TRegionOverviewRow } from '../../../contracts/dashboard';
import type { Db } from '../../db/client';
import { centres, engagements, regions } from '../../db/schema';
import { centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { engagementScope, overdueFiling } from '../engagement';
import { fundsByRegion, gradesByRegion, regionServiceFigures } from '../figures';

const int = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const IN_APPLICATION = ['draft', 'submitted', 'returned', 'forwarded'];

/** By city for the whole province, or by county within one city. */
export type OverviewLevel = { by: 'city' } | { by: 'county'; cityCode: string };

function emptyRow(code: string, name: string): TRegionOverviewRow {
  return {
    code,
    name,
    centres: { recognised: 0, inApplication: 0, revoked: 0 },
    services: 0,
    completed: 0,
    rated: 0,
    good: 0,
    filings: { filed: 0, overdue: 0, awaitingProvince: 0 },
    grades: { excellent: 0, good: 0, fair: 0, poor: 0 },
    funds: { dueFen: 0, paidFen: 0 },
  };
}

/**
 * The province's overview (issue 11): per city — or per county of one city — the centres by status, this year's
 * service records with their rating rate and 好评率 (the figures layer's), and the filings on file, overdue and awaiting the province. Three
 * grouped queries on indexed region columns, each inside the caller's scope; no rows are loaded.
 */
export async function regionOverview(
  db: Db,
  user: SessionUser,
  today: string,
  level: OverviewLevel,
): Promise<TRegionOverview> {
  const year = Number(today.slice(0, 4));
  const byCity = level.by === 'city';
  const inCity = (col: Column) => (byCity ? undefined : eq(col, level.cityCode));
  const centreGroup = byCity ? centres.cityCode : centres.countyCode;
  const engagementGroup = byCity ? engagements.cityCode : engagements.countyCode;

  const [places, centreRows, serviceRows, filingRows, grades, funds] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(
        byCity ? eq(regions.level, 'city') : and(eq(regions.level, 'county'), eq(regions.cityCode, level.cityCode)),
      )
      .orderBy(asc(regions.code)),
    db
      .select({ code: centreGroup, status: centres.status, n: int(sql`count(*)`) })
      .from(centres)
      .where(and(centreScope(user), inCity(centres.cityCode)))
      .groupBy(centreGroup, centres.status),
    // This year's records, rating rate and 好评 from the figures layer: twelve whole months of its month table.
    regionServiceFigures(db, user, year, level),
    db
      .select({
        code: engagementGroup,
        filed: int(sql`count(*) filter (where ${engagements.status} = 'filed')`),
        overdue: int(sql`count(*) filter (where ${overdueFiling(today)})`),
        awaitingProvince: int(sql`count(*) filter (where ${engagements.status} = 'reported')`),
      })
      .from(engagements)
      .innerJoin(centres, eq(centres.id, engagements.centreId))
      .where(and(engagementScope(user), inCity(engagements.cityCode)))
      .groupBy(engagementGroup),
    // Art. 12(三): the latest published grades, counted from the one table of published results.
    gradesByRegion(db, user, level),
    // Art. 11: due and paid in the latest funding year, from the funding figures.
    fundsByRegion(db, user, level),
  ]);

  // A city-level unit without counties (仙桃, 潜江, 天门, 神农架) is its own single row.
  if (places.length === 0 && !byCity)
    places.push(
      ...(await db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(eq(regions.code, level.cityCode))),
    );
  const rows = new Map(places.map((p) => [p.code, emptyRow(p.code, p.name)]));
  for (const c of centreRows) {
    const row = rows.get(c.code);
    if (!row) continue;
    if (RECOGNISED_STATUSES.includes(c.status)) row.centres.recognised += c.n;
    else if (IN_APPLICATION.includes(c.status)) row.centres.inApplication += c.n;
    else if (c.status === 'revoked') row.centres.revoked += c.n;
  }
  for (const s of serviceRows) {
    const row = rows.get(s.code);
    if (row) Object.assign(row, { services: s.services, completed: s.completed, rated: s.rated, good: s.good });
  }
  for (const f of filingRows) {
    const row = rows.get(f.code);
    if (row) row.filings = { filed: f.filed, overdue: f.overdue, awaitingProvince: f.awaitingProvince };
  }
  for (const g of grades.rows) {
    const row = rows.get(g.code);
    if (row) row.grades[g.grade] += g.n;
  }
  for (const f of funds.rows) {
    const row = rows.get(f.code);
    if (row) row.funds = { dueFen: f.dueFen, paidFen: f.paidFen };
  }
  const list = [...rows.values()];
  const totals = emptyRow('', '');
  for (const r of list) {
    totals.centres.recognised += r.centres.recognised;
    totals.centres.inApplication += r.centres.inApplication;
    totals.centres.revoked += r.centres.revoked;
    totals.services += r.services;
    totals.completed += r.completed;
    totals.rated += r.rated;
    totals.good += r.good;
    totals.filings.filed += r.filings.filed;
    totals.filings.overdue += r.filings.overdue;
    totals.filings.awaitingProvince += r.filings.awaitingProvince;
    for (const g of GRADES) totals.grades[g] += r.grades[g];
    totals.funds.dueFen += r.funds.dueFen;
    totals.funds.paidFen += r.funds.paidFen;
  }
  return { year, gradeYear: grades.year, fundYear: funds.year, rows: list, totals };
}
