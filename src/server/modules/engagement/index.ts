/**
 * What other modules use of the engagement module (Art. 10: operators, their filings and changes). They import from
 * here, never from engagement.repository or operator-change.repository (test/module-boundaries.test.ts).
 */

/** SQL: engagements in the user's scope (SPEC §1), for queries on `engagements`. */
export { engagementScope } from './engagement.repository';
/** SQL: filings overdue on `today` (Art. 10(三)), and engagements waiting for the user's step. */
export { awaitingStep, overdueFiling } from './list-engagements';
/** SQL: changes of operator waiting for the user's step (Art. 10(六)). */
export { changeAwaitingStep } from './list-operator-changes';
/** SQL: applications to change an operator in the user's scope, for queries on `operator_changes`. */
export { operatorChangeScope } from './operator-change.repository';
/**
 * Art. 12(三): an operator's contract periods at a centre, its latest start, and the end of all its running
 * engagements when its qualification is cancelled (the assessment's consequences).
 */
export { contractPeriodsOf, endEngagementsOfOperator, latestEngagementStartOf } from './operator-contract-periods';
export { listOperatorEngagements } from './operator-engagements';
