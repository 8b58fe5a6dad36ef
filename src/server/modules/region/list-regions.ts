import type { TRegion, TRegionListQuery } from '../../../contracts/region';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findRegion, listRegions } from './region.repository';

/** Regions are public reference data (GB/T 2260): every signed-in role reads all of Hubei's. */
export async function listRegionsForUser(ctx: RequestContext, q: TRegionListQuery, limit: number, offset: number) {
  requireAction(ctx.user, 'region.read');
  return listRegions(ctx.deps.db, q, limit, offset);
}

export async function getRegion(ctx: RequestContext, code: string): Promise<TRegion> {
  requireAction(ctx.user, 'region.read');
  const region = await findRegion(ctx.deps.db, code);
  if (!region) throw new AppError('NOT_FOUND', { code });
  return region;
}
