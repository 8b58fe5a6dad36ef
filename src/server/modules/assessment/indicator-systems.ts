import { and, eq } from 'drizzle-orm';
import type { TIndicatorSystem } from '../../../contracts/assessment-cycle';
import type { RequestContext } from '../../context';
import { indicatorSystems } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { toSystem } from './assessment.presenter';
import { cycleYearsBySystem, findSystem, selectSystems, systemUsedByACycle } from './assessment.repository';

/*
 * Reading indicator systems (Art. 12(一)): the province sees every system, drafts included; every other reader of
 * the assessment sees the systems a cycle uses — what the centres are measured by is no secret to them.
 */

export async function listIndicatorSystems(ctx: RequestContext): Promise<{ items: Omit<TIndicatorSystem, 'body'>[] }> {
  const user = requireAction(ctx.user, 'assessment.read');
  const db = ctx.deps.db;
  const [rows, years] = await Promise.all([
    selectSystems(db, can(user.role, 'assessment.manage') ? undefined : systemUsedByACycle),
    cycleYearsBySystem(db),
  ]);
  return {
    items: rows.map((r) => {
      const { body: _body, ...rest } = toSystem(r, years.get(r.id) ?? []);
      return rest;
    }),
  };
}

export async function getIndicatorSystem(ctx: RequestContext, id: number): Promise<TIndicatorSystem> {
  const user = requireAction(ctx.user, 'assessment.read');
  const db = ctx.deps.db;
  const [row] = can(user.role, 'assessment.manage')
    ? [await findSystem(db, id)]
    : await selectSystems(db, and(eq(indicatorSystems.id, id), systemUsedByACycle));
  if (!row) throw new AppError('NOT_FOUND', { id });
  return toSystem(row, (await cycleYearsBySystem(db)).get(row.id) ?? []);
}
