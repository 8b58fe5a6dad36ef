import { type Column, eq, type SQL, sql } from 'drizzle-orm';
import {
  assessmentConsequences,
  assessmentResults,
  assessmentSubmissions,
  centres,
  engagements,
  enterprises,
  exchangeRuns,
  fundingEntitlements,
  fundPayments,
  fundRecoveries,
  fundUseReports,
  operators,
  parks,
  rectifications,
  regions,
  serviceRatings,
  serviceRecords,
  tradeDeclarations,
} from '../../db/schema';
import type { SessionUser } from './session-user';

/**
 * Data scope (SPEC §1) as SQL: the WHERE clause that limits a query on parks to what the user may see. Every read
 * and write of a park goes through it, so a record outside the scope is simply not found (404), never shown.
 */
export function parkScope(user: SessionUser): SQL {
  switch (user.role) {
    case 'admin':
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? eq(parks.cityCode, user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? eq(parks.countyCode, user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? eq(parks.id, user.parkId) : sql`false`;
    // Operators, enterprises and evaluators see parks only through their centres (issues 4–6).
    case 'operator':
    case 'enterprise':
    case 'evaluator':
      return sql`false`;
  }
}

/**
 * Centres in scope. A draft is the county's own working copy: nobody above it sees it until it is submitted.
 * An operator sees the centre it runs.
 */
export function centreScope(user: SessionUser): SQL {
  const notDraft = sql`${centres.status} <> 'draft'`;
  switch (user.role) {
    case 'admin':
    case 'province':
      return notDraft;
    case 'city':
      return user.regionCode ? sql`${centres.cityCode} = ${user.regionCode} and ${notDraft}` : sql`false`;
    case 'county':
      return user.regionCode ? eq(centres.countyCode, user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? sql`${centres.parkId} = ${user.parkId} and ${notDraft}` : sql`false`;
    case 'operator':
      return user.centreId ? sql`${centres.id} = ${user.centreId} and ${notDraft}` : sql`false`;
    case 'enterprise':
    case 'evaluator':
      return sql`false`;
  }
}

/**
 * Scope of a record that belongs to a centre and carries its city and county codes (an operator's engagement, a
 * change of operator): the province sees all, a city and a county their own, a park committee its park's (the query
 * joins the centre), an operator the centre it runs. Enterprises and evaluators see none of them.
 */
export function centreRecordScope(
  user: SessionUser,
  cols: { cityCode: Column; countyCode: Column; centreId: Column; parkId?: Column },
): SQL {
  switch (user.role) {
    case 'admin':
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? eq(cols.cityCode, user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? eq(cols.countyCode, user.regionCode) : sql`false`;
    case 'park':
      if (!user.parkId) return sql`false`;
      return cols.parkId
        ? eq(cols.parkId, user.parkId)
        : sql`${cols.centreId} in (select ${centres.id} from ${centres} where ${centres.parkId} = ${user.parkId})`;
    case 'operator':
      return user.centreId ? eq(cols.centreId, user.centreId) : sql`false`;
    case 'enterprise':
    case 'evaluator':
      return sql`false`;
  }
}

/**
 * Service records (Art. 5, 8): an enterprise sees its own requests only, a centre its own records, officials by
 * region and park as for any centre record.
 */
export function serviceRecordScope(user: SessionUser): SQL {
  if (user.role === 'enterprise')
    return user.enterpriseId ? eq(serviceRecords.enterpriseId, user.enterpriseId) : sql`false`;
  // A park committee's records by the park copied from the centre at creation: one index (park_id, submitted_at, id)
  // serves its list in order, which an IN over its centres could not (decision 0017).
  return centreRecordScope(user, {
    cityCode: serviceRecords.cityCode,
    countyCode: serviceRecords.countyCode,
    centreId: serviceRecords.centreId,
    parkId: serviceRecords.parkId,
  });
}

/**
 * Operators whose particulars, full ID number and violations the user may change or see (decision 0009). Every
 * official who may read operators reads them all (a county tenders among all of Hubei's); changing one is for the
 * province, the region where it was registered, and the regions where it runs or ran a centre (an engagement in the
 * county, or in a county of the city). Whether the role may take the action at all is the permission matrix's.
 */
export function operatorReach(user: SessionUser): SQL {
  const rc = user.regionCode;
  switch (user.role) {
    case 'province':
      return sql`true`;
    case 'city':
      return rc
        ? sql`(exists (select 1 from ${regions} where ${regions.code} = ${operators.registeredRegionCode}
              and ${regions.cityCode} = ${rc})
            or exists (select 1 from ${engagements} where ${engagements.operatorId} = ${operators.id}
              and ${engagements.cityCode} = ${rc}))`
        : sql`false`;
    case 'county':
      return rc
        ? sql`(${operators.registeredRegionCode} = ${rc}
            or exists (select 1 from ${engagements} where ${engagements.operatorId} = ${operators.id}
              and ${engagements.countyCode} = ${rc}))`
        : sql`false`;
    case 'admin':
    case 'park':
    case 'operator':
    case 'enterprise':
    case 'evaluator':
      return sql`false`;
  }
}

/**
 * Enterprises: officials by region and park; a centre (operator) the enterprises of its centre's county and those
 * that asked it for a service themselves (decision 0009: a record the centre made on its own — a walk-in — opens
 * nothing beyond the name and credit code on the record); an enterprise itself only.
 */
export function enterpriseScope(user: SessionUser): SQL {
  switch (user.role) {
    case 'admin':
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? eq(enterprises.cityCode, user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? eq(enterprises.countyCode, user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? eq(enterprises.parkId, user.parkId) : sql`false`;
    case 'operator':
      return user.centreId
        ? sql`(${enterprises.countyCode} = (select ${centres.countyCode} from ${centres} where ${centres.id} = ${user.centreId})
            or exists (select 1 from ${serviceRecords} where ${serviceRecords.enterpriseId} = ${enterprises.id}
              and ${serviceRecords.centreId} = ${user.centreId} and ${serviceRecords.source} = 'enterprise'))`
        : sql`false`;
    case 'enterprise':
      return user.enterpriseId ? eq(enterprises.id, user.enterpriseId) : sql`false`;
    case 'evaluator':
      return sql`false`;
  }
}

/**
 * 贸易数据 (issue 13): the enterprises whose declarations the user may read and report. Officials by region and park;
 * a centre the enterprises it has served (any record at its centre — Art. 5(十三) asks it to gather their trade data
 * and Art. 12 credits it with their growth); an enterprise itself. As SQL on `enterprises`.
 */
export function tradeEnterpriseScope(user: SessionUser): SQL {
  switch (user.role) {
    case 'operator':
      return user.centreId
        ? sql`exists (select 1 from ${serviceRecords} where ${serviceRecords.enterpriseId} = ${enterprises.id}
            and ${serviceRecords.centreId} = ${user.centreId})`
        : sql`false`;
    case 'admin':
    case 'evaluator':
      return sql`false`;
    default:
      return enterpriseScope(user);
  }
}

/**
 * 报关单 (issue 13): the declarations the user may read. Officials by the region and park columns copied onto each
 * declaration (no join); a centre those of the enterprises it has served (as tradeEnterpriseScope); an enterprise its
 * own. The administrator and evaluators see none.
 */
export function tradeDeclarationScope(user: SessionUser): SQL {
  switch (user.role) {
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? eq(tradeDeclarations.cityCode, user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? eq(tradeDeclarations.countyCode, user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? eq(tradeDeclarations.parkId, user.parkId) : sql`false`;
    case 'operator':
      return user.centreId
        ? sql`${tradeDeclarations.enterpriseId} in (select ${serviceRecords.enterpriseId} from ${serviceRecords}
            where ${serviceRecords.centreId} = ${user.centreId})`
        : sql`false`;
    case 'enterprise':
      return user.enterpriseId ? eq(tradeDeclarations.enterpriseId, user.enterpriseId) : sql`false`;
    case 'admin':
    case 'evaluator':
      return sql`false`;
  }
}

/** 差评整改: the centre's own, officials by region (a park committee through the centre's park). */
export function rectificationScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: rectifications.cityCode,
    countyCode: rectifications.countyCode,
    centreId: rectifications.centreId,
  });
}

/** Ratings, as their records: the enterprise its own, a centre its own, officials by region (copied on the rating). */
export function ratingScope(user: SessionUser): SQL {
  if (user.role === 'enterprise')
    return user.enterpriseId ? eq(serviceRatings.enterpriseId, user.enterpriseId) : sql`false`;
  return centreRecordScope(user, {
    cityCode: serviceRatings.cityCode,
    countyCode: serviceRatings.countyCode,
    centreId: serviceRatings.centreId,
  });
}

/**
 * 数据对接记录 (issue 13): the province sees every run, a county those of its county, a centre its own. A run the
 * province made for no centre (a whole-province file) has no county, so only the province sees it.
 */
export function exchangeRunScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: exchangeRuns.cityCode,
    countyCode: exchangeRuns.countyCode,
    centreId: exchangeRuns.centreId,
  });
}

/**
 * Assessment submissions (Art. 12(二)): the province sees all; a city, a county and a park committee their own
 * centres'; an operator its centre's; an evaluator only what the province assigned to its agency — and nothing before
 * the assignment (Art. 12(二)(3)). The administrator reads all, as it does every centre record.
 */
export function assessmentSubmissionScope(user: SessionUser): SQL {
  if (user.role === 'evaluator')
    return user.evaluatorId ? eq(assessmentSubmissions.agencyId, user.evaluatorId) : sql`false`;
  return centreRecordScope(user, {
    cityCode: assessmentSubmissions.cityCode,
    countyCode: assessmentSubmissions.countyCode,
    centreId: assessmentSubmissions.centreId,
    parkId: assessmentSubmissions.parkId,
  });
}

/**
 * Published grades (Art. 12(三)): officials by region, an operator its centre's. The public directory shows the grade
 * alone through its own query (no sign-in), so this scope is for the signed-in screens.
 */
export function assessmentResultScope(user: SessionUser): SQL {
  if (user.role === 'evaluator' || user.role === 'enterprise') return sql`false`;
  return centreRecordScope(user, {
    cityCode: assessmentResults.cityCode,
    countyCode: assessmentResults.countyCode,
    centreId: assessmentResults.centreId,
  });
}

/**
 * Consequences of published grades (Art. 12(三)): as the grades they follow — officials by region, an operator its
 * centre's. Confirming a cancellation is the province's (operator.cancelQualification), which sees all.
 */
export function assessmentConsequenceScope(user: SessionUser): SQL {
  if (user.role === 'evaluator' || user.role === 'enterprise') return sql`false`;
  return centreRecordScope(user, {
    cityCode: assessmentConsequences.cityCode,
    countyCode: assessmentConsequences.countyCode,
    centreId: assessmentConsequences.centreId,
  });
}

/**
 * 资金支持 (Art. 11, 14; issue 15, decision 0033): the scope of any funding table that carries city_code,
 * county_code, centre_id and operator_id (funding_entitlements, fund_payments, fund_recoveries, fund_use_reports,
 * funding_figures — the last has no operator, so an operator reads none of it). The province sees all, a city and a
 * county their own, a park committee its park's centres; an operator only the rows of the operator that now runs
 * its centre (not the outgoing operator's share after a change, Art. 10(六)). Enterprises and evaluators see none.
 */
export function fundingScope(
  user: SessionUser,
  cols: { cityCode: Column; countyCode: Column; centreId: Column; operatorId?: Column },
): SQL {
  if (user.role === 'operator') {
    if (!user.centreId || !cols.operatorId) return sql`false`;
    return sql`${cols.centreId} = ${user.centreId} and ${cols.operatorId} in (select ${engagements.operatorId}
      from ${engagements} where ${engagements.centreId} = ${user.centreId} and ${engagements.status} <> 'ended')`;
  }
  if (user.role === 'admin') return sql`true`;
  return centreRecordScope(user, cols);
}

/** Payments (拨付) in scope: see fundingScope. */
export function paymentScope(user: SessionUser): SQL {
  return fundingScope(user, {
    cityCode: fundPayments.cityCode,
    countyCode: fundPayments.countyCode,
    centreId: fundPayments.centreId,
    operatorId: fundPayments.operatorId,
  });
}

/** Entitlements in scope for the payment and fund-use screens (the same rule as payments). */
export function paymentEntitlementScope(user: SessionUser): SQL {
  return fundingScope(user, {
    cityCode: fundingEntitlements.cityCode,
    countyCode: fundingEntitlements.countyCode,
    centreId: fundingEntitlements.centreId,
    operatorId: fundingEntitlements.operatorId,
  });
}

/** Fund-use reports in scope: the operator its own, officials by region. */
export function fundUseReportScope(user: SessionUser): SQL {
  return fundingScope(user, {
    cityCode: fundUseReports.cityCode,
    countyCode: fundUseReports.countyCode,
    centreId: fundUseReports.centreId,
    operatorId: fundUseReports.operatorId,
  });
}

/** Recoveries (追回) in scope: officials by region; the sanctioned operator no longer runs the centre, so sees none. */
export function recoveryScope(user: SessionUser): SQL {
  return fundingScope(user, {
    cityCode: fundRecoveries.cityCode,
    countyCode: fundRecoveries.countyCode,
    centreId: fundRecoveries.centreId,
    operatorId: fundRecoveries.operatorId,
  });
}
