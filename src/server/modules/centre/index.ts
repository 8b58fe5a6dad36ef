/**
 * What other modules use of the centre module. They import from here, never from centre.repository
 * (test/module-boundaries.test.ts keeps that true), so the centre's tables and queries can change behind these.
 */
import type { Db } from '../../db/client';
import { centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { type CentreRow, findCentre } from './centre.repository';

export type { CentreRow } from './centre.repository';
/** SQL: the centre once started operating (Art. 10(三)); for selects from `centres`. */
export { centreHasOperated } from './centre.repository';
/** Art. 9(四): re-take the venue and staffing verdicts of centres after a write that touched them. */
export { recheckCentreConditions, sweepCentreConditions } from './conditions-sweep';

/**
 * The centre if the user's region scope holds it; undefined otherwise, which the caller answers with 404 so that a
 * centre outside the scope is never revealed to exist.
 */
export function findCentreInScope(db: Db, user: SessionUser, id: number): Promise<CentreRow | undefined> {
  return findCentre(db, centreScope(user), id);
}
