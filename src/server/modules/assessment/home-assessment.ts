import type { THomeAssessment } from '../../../contracts/assessment-cycle';
import type { Db } from '../../db/client';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { findOpenCycle, selectSubmissions, statusCounts } from './assessment.repository';
import { dueForCentre } from './submission-rules';

/**
 * The running cycle on a home page (Art. 12(二)): its deadlines, and the caller's own to-do — an operator its
 * submission and the day it is due, a city the submissions awaiting its pre-review, everyone the centres in its scope
 * not yet submitted, an evaluator what its agency has to score by the evaluation deadline. Null when no cycle runs
 * or the role takes no part here.
 */
export async function homeAssessment(db: Db, user: SessionUser): Promise<THomeAssessment | null> {
  if (!['province', 'city', 'county', 'park', 'operator', 'evaluator'].includes(user.role)) return null;
  const cycle = await findOpenCycle(db);
  if (!cycle) return null;
  const scope = assessmentSubmissionScope(user);
  const counts = await statusCounts(db, scope, [cycle.id]);
  const n = (s: string) => Number(counts.find((r) => r.status === s)?.n ?? 0);
  let submission: THomeAssessment['submission'] = null;
  if (user.role === 'operator') {
    const [own] = await selectSubmissions(db, scope, { cycleId: cycle.id });
    if (own) submission = { id: own.s.id, status: own.s.status, dueOn: dueForCentre(own.s, cycle) };
  }
  return {
    cycleId: cycle.id,
    year: cycle.year,
    title: cycle.title,
    submissionDue: cycle.submissionDue,
    prereviewDue: cycle.prereviewDue,
    evaluationDue: cycle.evaluationDue,
    submission,
    awaitingPrereview: n('submitted'),
    notSubmitted: user.role === 'evaluator' ? 0 : n('draft') + n('returned'),
    awaitingScore: user.role === 'evaluator' ? n('assigned') + n('sent_back') : 0,
    total: counts.reduce((a, r) => a + Number(r.n), 0),
  };
}
