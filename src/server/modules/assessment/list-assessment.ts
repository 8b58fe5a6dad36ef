import type { TAssessmentCycle, TSubmissionListQuery, TSubmissionSummary } from '../../../contracts/assessment-cycle';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { presentCycles, toSubmissionSummary } from './assessment.presenter';
import { selectSubmissions } from './assessment.repository';

/*
 * Reading cycles and submissions (Art. 12(二)). A cycle is the province's public notice to everyone concerned, so
 * every assessment reader sees the cycles; its counts and the submissions are those within the caller's scope (a
 * city its own centres, an operator its centre, an evaluator what it is assigned).
 */

export async function listCycles(ctx: RequestContext): Promise<{ items: TAssessmentCycle[] }> {
  const user = requireAction(ctx.user, 'assessment.read');
  return { items: await presentCycles(ctx.deps.db, user) };
}

export async function getCycle(ctx: RequestContext, id: number): Promise<TAssessmentCycle> {
  const user = requireAction(ctx.user, 'assessment.read');
  const [cycle] = await presentCycles(ctx.deps.db, user, id);
  if (!cycle) throw new AppError('NOT_FOUND', { id });
  return cycle;
}

export async function listSubmissions(
  ctx: RequestContext,
  q: TSubmissionListQuery,
): Promise<{ items: TSubmissionSummary[]; total: number }> {
  const user = requireAction(ctx.user, 'assessment.read');
  const rows = await selectSubmissions(ctx.deps.db, assessmentSubmissionScope(user), q);
  return { items: rows.map(toSubmissionSummary), total: rows.length };
}
