import type { TPark, TParkListQuery } from '../../../contracts/park';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { parkScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { findPark, listParks } from './park.repository';

/** Parks in the user's scope: the province sees all, a city its own, a county its own, a park committee itself. */
export async function listParksForUser(ctx: RequestContext, q: TParkListQuery, limit: number, offset: number) {
  const user = requireAction(ctx.user, 'park.read');
  return listParks(ctx.deps.db, parkScope(user), q, limit, offset);
}

export async function getPark(ctx: RequestContext, id: number): Promise<TPark> {
  const user = requireAction(ctx.user, 'park.read');
  const park = await findPark(ctx.deps.db, parkScope(user), id);
  // Outside the scope looks exactly like not there (SPEC §1).
  if (!park) throw new AppError('NOT_FOUND', { id });
  return park;
}
