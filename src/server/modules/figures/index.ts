/**
 * The figures layer (issue 12, decision 0019): the one place every service aggregate a screen or an export shows
 * comes from. Other modules import from here only (test/module-boundaries.test.ts).
 */

export {
  answerCacheStats,
  cachedFiguresAnswer,
  cachedSnapshotAnswer,
  currentSnapshot,
  scopeKeyOf,
} from './answer-cache';
export { gradeDistribution, gradesByRegion, latestCentreGrade } from './assessment-figures';
export {
  activityFigures,
  type CentreActivities,
  type CentreServedTrade,
  type CentreServiceYear,
  emptyServiceYear,
  rectificationOnTime,
  servedEnterpriseCounts,
  servedTradeOfYear,
  serviceYearByCentre,
} from './centre-year-figures';
export {
  addInto,
  emptySums,
  figuresOf,
  GOOD_LEVELS,
  OPEN_STATUSES,
  type ServiceFigures,
  type Sums,
} from './definitions';
export { type CentreMonthFacts, centreMonthFacts, type TradeGroup } from './exchange-facts';
export { bumpFiguresVersion, readFiguresVersion } from './figures-version';
export {
  bumpFundingFigures,
  type FundingDelta,
  type FundingFiguresRow,
  fundsByRegion,
  readFundingFigures,
  recomputeFundingFigures,
} from './funding-figures';
export {
  confirmedPaidFen,
  type EntitlementPayments,
  entitlementPaidSql,
  entitlementPayments,
  reportedToDateSql,
} from './payment-figures';
export { checkFigures, type FiguresDifference, type RebuiltCounts, rebuildFigures, repairFigures } from './rebuild';
export {
  applyRecordDelta,
  beijingMonthOf,
  type RecordFacts,
  readRecordFacts,
  recordDeltaStatements,
} from './record-facts';
export {
  type RectificationListKey,
  rectificationBacklog,
  rectificationCount,
  rectificationsWhere,
} from './rectification-figures';
export {
  type FigureFilter,
  openRecordsOfCentre,
  type RecordTotalFilters,
  regionServiceFigures,
  serviceRecordCount,
  serviceRecordTotal,
  serviceWindowFigures,
  unratedCount,
} from './service-figures';
export {
  addTradeFigures,
  type NewDeclarations,
  noteServed,
  noteServedStatements,
  type ServedFacts,
} from './trade-delta';
export * from './trade-figures';
export { isWholeMonths, splitWindow } from './window';
