import type { TAction } from '../../../contracts/access';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { type CycleRow, findSubmission, type SubmissionListRow, selectCycles } from './assessment.repository';

/**
 * The first steps of every submission use case (CONVENTIONS §2): load through the caller's scope (404 outside it,
 * never revealing it exists), then the role's permission (403), then the version the caller saw (409).
 */
export async function loadSubmissionFor(
  ctx: RequestContext,
  id: number,
  action: TAction,
  version?: number,
): Promise<{ user: SessionUser; row: SubmissionListRow; cycle: CycleRow }> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findSubmission(ctx.deps.db, assessmentSubmissionScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, action);
  if (version !== undefined && row.s.version !== version) throw new AppError('VERSION_CONFLICT', { id, version });
  const [cycle] = await selectCycles(ctx.deps.db, row.s.cycleId);
  if (!cycle) throw new AppError('NOT_FOUND', { id });
  return { user, row, cycle: cycle.c };
}

/** The cycle must still be running: after publication a submission is final. */
export function requireCycleOpen(cycle: CycleRow): void {
  if (cycle.status !== 'open')
    throw new AppError('INVALID_TRANSITION', {
      from: cycle.status,
      'fromLabel_zh-CN': '考核结果已公布',
      fromLabel_en: 'results published',
      'transitionLabel_zh-CN': '修改考核材料',
      transitionLabel_en: 'change the material',
    });
}
