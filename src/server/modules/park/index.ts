/**
 * What other modules use of the park module. They import from here, never from park.repository
 * (test/module-boundaries.test.ts).
 */
import type { TPark } from '../../../contracts/park';
import type { Db } from '../../db/client';
import { parkScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { findPark } from './park.repository';

/** The park if the user's region scope holds it; undefined otherwise (the caller answers 404). */
export function findParkInScope(db: Db, user: SessionUser, id: number): Promise<TPark | undefined> {
  return findPark(db, parkScope(user), id);
}
