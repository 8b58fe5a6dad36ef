/**
 * What other modules use of the assessment module (they import from here, never from its repository): the running
 * cycle on the home pages.
 */
export { homeAssessment } from './home-assessment';
