import type { TAction } from '../../../contracts/access';
import type { TCentreStatus } from '../../../contracts/centre';
import { type AppError, invalidTransition } from '../../lib/errors';

export type CentreTransition =
  | 'submit'
  | 'forward'
  | 'return'
  | 'approve'
  | 'reject'
  | 'startOperating'
  | 'adjust'
  | 'revoke';

interface TransitionRule {
  from: readonly TCentreStatus[];
  to: TCentreStatus;
  /** The role permission that allows it; null for steps the platform takes itself (an agreement filed). */
  action: TAction | null;
  /** A return or a rejection must say why. */
  reasonRequired: boolean;
  label: { 'zh-CN': string; en: string };
}

const RECOGNISED = ['approved', 'operating', 'adjusted'] as const;

/** SPEC §3.1 / Art. 9 as a table. An illegal step is an AppError, never an `if` buried in a handler. */
export const CENTRE_TRANSITIONS = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    action: 'centre.submit',
    reasonRequired: false,
    label: { 'zh-CN': '提交', en: 'submit' },
  },
  forward: {
    from: ['submitted'],
    to: 'forwarded',
    action: 'centre.forward',
    reasonRequired: false,
    label: { 'zh-CN': '转报省商务厅', en: 'forward' },
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    action: 'centre.return',
    reasonRequired: true,
    label: { 'zh-CN': '退回', en: 'return' },
  },
  approve: {
    from: ['forwarded'],
    to: 'approved',
    action: 'centre.approve',
    reasonRequired: false,
    label: { 'zh-CN': '核准', en: 'approve' },
  },
  reject: {
    from: ['forwarded'],
    to: 'rejected',
    action: 'centre.reject',
    reasonRequired: true,
    label: { 'zh-CN': '不予核准', en: 'reject' },
  },
  startOperating: {
    from: ['approved', 'adjusted'],
    to: 'operating',
    action: null,
    reasonRequired: false,
    label: { 'zh-CN': '开始运营', en: 'start operating' },
  },
  adjust: {
    from: RECOGNISED,
    to: 'adjusted',
    action: 'centre.decideChange',
    reasonRequired: true,
    label: { 'zh-CN': '调整', en: 'adjust' },
  },
  revoke: {
    from: RECOGNISED,
    to: 'revoked',
    action: 'centre.decideChange',
    reasonRequired: true,
    label: { 'zh-CN': '撤销', en: 'revoke' },
  },
} as const satisfies Record<CentreTransition, TransitionRule>;

export const CENTRE_STATUS_LABELS = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  submitted: { 'zh-CN': '已提交', en: 'submitted' },
  returned: { 'zh-CN': '已退回', en: 'returned' },
  forwarded: { 'zh-CN': '已转报', en: 'forwarded' },
  rejected: { 'zh-CN': '未予核准', en: 'rejected' },
  approved: { 'zh-CN': '已核准', en: 'approved' },
  operating: { 'zh-CN': '运营中', en: 'operating' },
  adjusted: { 'zh-CN': '已调整', en: 'adjusted' },
  revoked: { 'zh-CN': '已撤销', en: 'revoked' },
} satisfies Record<TCentreStatus, { 'zh-CN': string; en: string }>;

export function canTransition(status: TCentreStatus, t: CentreTransition): boolean {
  return (CENTRE_TRANSITIONS[t].from as readonly TCentreStatus[]).includes(status);
}

/** The status after `t`, or INVALID_TRANSITION (409) naming both in the user's words. */
export function nextStatus(status: TCentreStatus, t: CentreTransition): TCentreStatus {
  if (!canTransition(status, t)) {
    throw invalidTransition(status, CENTRE_STATUS_LABELS[status], CENTRE_TRANSITIONS[t].label, { transition: t });
  }
  return CENTRE_TRANSITIONS[t].to;
}

/** INVALID_TRANSITION for a step outside the table (editing a submitted application, say). */
export function refuseInStatus(status: TCentreStatus, label: { 'zh-CN': string; en: string }): AppError {
  return invalidTransition(status, CENTRE_STATUS_LABELS[status], label);
}

export function isRecognised(status: TCentreStatus): boolean {
  return (RECOGNISED as readonly TCentreStatus[]).includes(status);
}

/** Statuses that hold a park's place (Art. 9(二)): on the way to recognition or recognised. */
export const HOLDS_PARK_PLACE: readonly TCentreStatus[] = [
  'submitted',
  'forwarded',
  'approved',
  'operating',
  'adjusted',
];
