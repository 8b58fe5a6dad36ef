import type { TCreateParkRequest, TPark } from '../../../contracts/park';
import { auditContext, type RequestContext } from '../../context';
import { parks } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { parkScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findPark, findParkByName, isParkNameConflict, resolveParkRegion } from './park.repository';

export interface CreateParkOptions {
  ctx: RequestContext;
  input: TCreateParkRequest;
  isDemo?: boolean;
}

/** Art. 4, Art. 9(一): the province keeps the list of development zones that centres may be set up in. */
export async function createPark({ ctx, input, isDemo = false }: CreateParkOptions): Promise<TPark> {
  const user = requireAction(ctx.user, 'park.create');
  const db = ctx.deps.db;
  const region = await resolveParkRegion(db, input.countyCode);
  if (!region) throw new AppError('REGION_NOT_COUNTY', { code: input.countyCode, field: 'countyCode' });
  if (await findParkByName(db, input.name)) throw new AppError('PARK_NAME_TAKEN', { name: input.name, field: 'name' });
  const now = ctx.deps.clock();
  const id = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(parks)
        .values({ ...input, ...region, isDemo, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'park.created',
        objectType: 'park',
        objectId: row.id,
        after: row,
      });
      return row.id;
    })
    .catch((err: unknown) => {
      if (isParkNameConflict(err)) throw new AppError('PARK_NAME_TAKEN', { name: input.name, field: 'name' });
      throw err;
    });
  const park = await findPark(db, parkScope(user), id);
  if (!park) throw new Error(`park ${id} vanished after insert`);
  return park;
}
