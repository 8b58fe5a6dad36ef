import { SUBMISSION_STATUS_NAMES, type TSubmissionAction, type TSubmissionStatus } from '../../../contracts/assessment';
import { invalidTransition } from '../../lib/errors';

export const SUBMISSION_ACTION_LABELS: Record<TSubmissionAction, { 'zh-CN': string; en: string }> = {
  submit: { 'zh-CN': '提交考核材料', en: 'submit' },
  pass: { 'zh-CN': '初审通过', en: 'pass pre-review' },
  return: { 'zh-CN': '退回修改', en: 'return for correction' },
  assign: { 'zh-CN': '分派评估机构', en: 'assign to an agency' },
  score: { 'zh-CN': '完成评分', en: 'finish scoring' },
  sendBack: { 'zh-CN': '退回重评', en: 'send back for rescoring' },
  confirm: { 'zh-CN': '确认评分', en: 'confirm the score' },
  publish: { 'zh-CN': '公布结果', en: 'publish' },
};

/**
 * Art. 12(二) as a table: (1) the province's notice opens the cycle and every centre's draft; (2) the operator submits,
 * the city pre-reviews — passes, or returns for correction and the operator submits again; (3) the province assigns
 * the agency, the evaluator scores, the province sends a score back or confirms it; the cycle's publication publishes
 * every confirmed submission. A published submission is final.
 */
const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  pass: { from: ['submitted'], to: 'passed' },
  return: { from: ['submitted'], to: 'returned' },
  assign: { from: ['passed', 'assigned'], to: 'assigned' },
  score: { from: ['assigned', 'sent_back'], to: 'scored' },
  sendBack: { from: ['scored', 'confirmed'], to: 'sent_back' },
  confirm: { from: ['scored'], to: 'confirmed' },
  publish: { from: ['confirmed'], to: 'published' },
} as const satisfies Record<TSubmissionAction, { from: readonly TSubmissionStatus[]; to: TSubmissionStatus }>;

export function canTakeStep(from: TSubmissionStatus, action: TSubmissionAction): boolean {
  return (TRANSITIONS[action].from as readonly TSubmissionStatus[]).includes(from);
}

/** The status after a step, or INVALID_TRANSITION (409) naming the status and the step in the user's words. */
export function nextSubmissionStatus(from: TSubmissionStatus, action: TSubmissionAction): TSubmissionStatus {
  if (!canTakeStep(from, action))
    throw invalidTransition(from, SUBMISSION_STATUS_NAMES[from], SUBMISSION_ACTION_LABELS[action]);
  return TRANSITIONS[action].to;
}

/** The steps open from a status (the page offers these, the server checks them again). */
export function stepsFrom(from: TSubmissionStatus): TSubmissionAction[] {
  return (Object.keys(TRANSITIONS) as TSubmissionAction[]).filter((a) => canTakeStep(from, a));
}
