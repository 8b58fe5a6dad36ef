import { and, eq } from 'drizzle-orm';
import type { TIndicatorSystem, TUpdateIndicatorSystemRequest } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext } from '../../context';
import { indicatorSystems } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { cycleYearsBySystem, findSystem } from './assessment.repository';
import { getIndicatorSystem } from './indicator-systems';

/**
 * The province edits a draft system (weights, rules, thresholds: the body is checked whole by ZIndicatorSystemBody,
 * weights to 100). Art. 12 and decision 0029: a system a cycle opened with is frozen and refuses every edit, so the
 * centres of that year are measured by what was announced; the version the editor saw guards against lost edits.
 */
export async function updateIndicatorSystem(
  ctx: RequestContext,
  id: number,
  request: TUpdateIndicatorSystemRequest,
): Promise<TIndicatorSystem> {
  requireAction(ctx.user, 'assessment.manage');
  const db = ctx.deps.db;
  const before = await findSystem(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  if (before.status === 'frozen') {
    const years = (await cycleYearsBySystem(db)).get(id) ?? [];
    throw new AppError('ASSESSMENT_SYSTEM_FROZEN', { id, title: before.title, years: years.join('、') || '—' });
  }
  if (before.version !== request.version) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(indicatorSystems)
      .set({
        title: request.title,
        year: request.year,
        body: request.body,
        version: request.version + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(indicatorSystems.id, id),
          eq(indicatorSystems.version, request.version),
          eq(indicatorSystems.status, 'draft'),
        ),
      )
      .returning();
    // Saved or frozen by someone else between our read and this write: nothing changes.
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.system.updated',
      objectType: 'indicator_system',
      objectId: id,
      before,
      after,
    });
  });
  return getIndicatorSystem(ctx, id);
}
