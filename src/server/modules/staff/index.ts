/**
 * What other modules use of the staff module. They import from here, never from staff.repository
 * (test/module-boundaries.test.ts).
 */

/** The rosters of several centres at once, by centre id: the facts of the Art. 7 staffing verdicts. */
export { rostersOf } from './staff.repository';
