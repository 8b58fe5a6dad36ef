/**
 * What other modules use of the operator module. They import from here, never from operator.repository
 * (test/module-boundaries.test.ts).
 */

/** Art. 12(三)(2), 13: cancel an operator's qualification inside the caller's transaction. */
export { markQualificationCancelled } from './cancel-qualification';
/** An operator by id, or undefined: the register every official reads (decision 0009), so no region scope applies. */
export { findOperatorRow } from './operator.repository';
/** The operator's eligibility today (Art. 10(一), 13, 14) as verdicts, with its violations counted. */
export { eligibilityOf } from './operator-eligibility';
