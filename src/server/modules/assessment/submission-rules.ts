import type { TSubmissionStatus } from '../../../contracts/assessment';
import type { TSubmissionStep } from '../../../contracts/assessment-cycle';
import { can } from '../../lib/access/permissions';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { zhDate } from '../../policy/rules/deadlines';
import { canTakeStep } from './submission.machine';

interface Due {
  submissionDue: string;
  prereviewDue: string;
}
interface SubmissionFacts {
  status: TSubmissionStatus;
  reopenedUntil: string | null;
}

/**
 * Art. 12(二)(2): the last Beijing day (inclusive) a centre may submit. The cycle's submission deadline; for a
 * submission the city returned, the pre-review deadline (the correction is part of the pre-review, decision 0029
 * "Submission and pre-review"); a reopening by the province moves it to the day it names when that is later.
 */
export function dueForCentre(s: SubmissionFacts, c: Due): string {
  let due = s.status === 'returned' && c.prereviewDue > c.submissionDue ? c.prereviewDue : c.submissionDue;
  if (s.reopenedUntil && s.reopenedUntil > due) due = s.reopenedUntil;
  return due;
}

/** Refuses (ASSESSMENT_SUBMISSION_CLOSED, the deadline named) once the centre's last day has passed. */
export function requireSubmissionOpen(s: SubmissionFacts, c: Due, today: string): void {
  const due = dueForCentre(s, c);
  if (today > due)
    throw new AppError('ASSESSMENT_SUBMISSION_CLOSED', { due, 'dueOn_zh-CN': zhDate(due), dueOn_en: due });
}

/** The operator works on its material while it is a draft or returned. */
export function isEditable(status: TSubmissionStatus): boolean {
  return canTakeStep(status, 'submit');
}

/** What the caller may do next (the page offers these; each use case checks again). */
export function stepsFor(user: SessionUser, s: SubmissionFacts, c: Due & { status: string }, today: string) {
  const steps: TSubmissionStep[] = [];
  if (c.status !== 'open') return steps;
  const open = today <= dueForCentre(s, c);
  if (can(user.role, 'assessment.submit') && isEditable(s.status) && open) steps.push('edit', 'submit');
  if (can(user.role, 'assessment.prereview') && canTakeStep(s.status, 'pass')) steps.push('pass', 'return');
  if (can(user.role, 'assessment.manage') && isEditable(s.status)) steps.push('reopen');
  return steps;
}
