/** 资金支持 (issue 15): what other modules may call. */
export { computeYearEntitlements } from './entitlement-compute';
