import { and, eq } from 'drizzle-orm';
import type { TPark, TUpdateParkRequest } from '../../../contracts/park';
import { auditContext, type RequestContext } from '../../context';
import { parks } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { parkScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findPark, findParkByName, isParkNameConflict, resolveParkRegion } from './park.repository';

/**
 * Change a park's name, kind, level or county. Optimistic lock: the update only applies to the version the editor
 * saw, so of two officers saving at once exactly one wins and the other gets 409.
 */
export async function updatePark(ctx: RequestContext, id: number, input: TUpdateParkRequest): Promise<TPark> {
  const user = requireAction(ctx.user, 'park.update');
  const db = ctx.deps.db;
  const scope = parkScope(user);
  const current = await findPark(db, scope, id);
  if (!current) throw new AppError('NOT_FOUND', { id });
  const { version, ...changes } = input;
  let region: { countyCode: string; cityCode: string } | null = null;
  if (changes.countyCode && changes.countyCode !== current.countyCode) {
    region = await resolveParkRegion(db, changes.countyCode);
    if (!region) throw new AppError('REGION_NOT_COUNTY', { code: changes.countyCode, field: 'countyCode' });
  }
  if (changes.name && changes.name !== current.name) {
    const other = await findParkByName(db, changes.name);
    if (other && other.id !== id) throw new AppError('PARK_NAME_TAKEN', { name: changes.name, field: 'name' });
  }
  const now = ctx.deps.clock();
  await db
    .transaction(async (tx) => {
      const [before] = await tx.select().from(parks).where(eq(parks.id, id));
      const updated = await tx
        .update(parks)
        .set({ ...changes, ...(region ?? {}), version: version + 1, updatedAt: now })
        .where(and(eq(parks.id, id), eq(parks.version, version)))
        .returning();
      if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version });
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'park.updated',
        objectType: 'park',
        objectId: id,
        before,
        after: updated[0],
      });
    })
    .catch((err: unknown) => {
      if (isParkNameConflict(err)) throw new AppError('PARK_NAME_TAKEN', { name: changes.name, field: 'name' });
      throw err;
    });
  const park = await findPark(db, scope, id);
  if (!park) throw new Error(`park ${id} vanished after update`);
  return park;
}
