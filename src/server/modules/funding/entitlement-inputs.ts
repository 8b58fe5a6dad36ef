import { asc, sql } from 'drizzle-orm';
import type { TGrade } from '../../../contracts/assessment';
import { type Db, rowsOf } from '../../db/client';
import { policyVersions } from '../../db/schema';
import { type PolicyInForce, policyInForce, policyOfVersion } from '../../policy/policy';
import type { EntitlementInputs, FundingParkLevel } from '../../policy/rules/funding';

/** A centre's inputs for a year, with the region codes its rows carry. */
export interface CentreYearInputs extends EntitlementInputs {
  centreId: number;
  cityCode: string;
  countyCode: string;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/**
 * What Art. 11 reads for a year, for every centre that had an operator filed with the province by 31 December of it
 * (or one centre): the earliest filing (engagements.filed_on), the park's level, the year's published grade
 * (assessment_results, Art. 12(三)) and each operator's served period clipped to the year. A period is the
 * engagement's service from its start to its end; where the province approved a change of operator, the dates the
 * county recorded at the change (served_from / served_to, Art. 10(六)) stand instead. An engagement counts once its
 * agreement is signed. An operator with two periods at one centre in a year (rare) is counted from the first day to
 * the last.
 */
export async function readYearInputs(db: Db, year: number, centreId?: number): Promise<CentreYearInputs[]> {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const onlyCentre = centreId === undefined ? sql`true` : sql`c.id = ${centreId}`;
  const centres = rowsOf<{
    id: number;
    city_code: string;
    county_code: string;
    level: FundingParkLevel;
    filed_on: string;
    grade: TGrade | null;
  }>(
    await db.execute(sql`
      select c.id, c.city_code, c.county_code, p.level, f.filed_on::text as filed_on, r.grade
        from centres c
        join parks p on p.id = c.park_id
        join (select centre_id, min(filed_on) as filed_on from engagements where filed_on is not null group by 1) f
          on f.centre_id = c.id
        left join assessment_results r on r.centre_id = c.id and r.year = ${year}
       where f.filed_on <= ${yearEnd}::date and ${onlyCentre}
       order by c.id`),
  );
  if (centres.length === 0) return [];
  const ids = centres.map((c) => Number(c.id));
  const engagementRows = rowsOf<{
    centre_id: number;
    operator_id: number;
    served_from: string;
    served_to: string | null;
  }>(
    await db.execute(sql`
      select e.centre_id, e.operator_id,
             coalesce(oc.served_from, e.service_start)::text as served_from,
             coalesce(oc.served_to, e.ended_on)::text as served_to
        from engagements e
        left join operator_changes oc on oc.engagement_id = e.id and oc.status = 'approved'
       where e.centre_id in (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )})
         and e.signed_on is not null
       order by e.centre_id, e.service_start, e.id`),
  );
  return centres.map((c) => {
    const byOperator = new Map<number, { from: string; to: string }>();
    for (const e of engagementRows) {
      if (Number(e.centre_id) !== Number(c.id)) continue;
      const from = maxDay(e.served_from, yearStart);
      const to = minDay(e.served_to ?? yearEnd, yearEnd);
      if (from > to) continue;
      const op = Number(e.operator_id);
      const seen = byOperator.get(op);
      byOperator.set(op, seen ? { from: minDay(seen.from, from), to: maxDay(seen.to, to) } : { from, to });
    }
    return {
      centreId: Number(c.id),
      cityCode: c.city_code,
      countyCode: c.county_code,
      year,
      parkLevel: c.level,
      filedOn: c.filed_on,
      grade: c.grade,
      periods: [...byOperator].map(([operatorId, p]) => ({ operatorId, ...p })),
    };
  });
}

/**
 * The parameter version a year's entitlements are computed under (Art. 16): the one in force on 31 December of the
 * year, or today while the year is still running. A year before the platform's first version took effect is
 * computed under that first version (the platform has no other numbers for it).
 */
export async function policyForYear(db: Db, year: number, today: string): Promise<PolicyInForce> {
  const day = `${year}-12-31` < today ? `${year}-12-31` : today;
  try {
    return await policyInForce(db, day);
  } catch {
    const [first] = await db
      .select({ version: policyVersions.version })
      .from(policyVersions)
      .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.version))
      .limit(1);
    if (!first) throw new Error('no policy version at all');
    return policyOfVersion(db, first.version);
  }
}
