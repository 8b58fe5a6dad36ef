/**
 * What other modules use of the sanction module (Art. 12(三)(2), 13, 14; issue 15). They import from here.
 */

/** The one way a decision on an operator takes effect, in the caller's transaction (the assessment's too). */
export { type AppliedSanction, type ApplySanctionOptions, applySanction } from './apply-sanction';
