import type { TAction } from '../../../contracts/access';
import type { TEngagementStatus } from '../../../contracts/engagement';
import { type AppError, invalidTransition } from '../../lib/errors';

export type EngagementStep = 'sign' | 'report' | 'return' | 'file';

export const ENGAGEMENT_STATUS_LABELS = {
  tendered: { 'zh-CN': '已确定承办企业', en: 'tendered' },
  signed: { 'zh-CN': '已签订三方协议', en: 'agreement signed' },
  reported: { 'zh-CN': '市州已汇总上报', en: 'reported by the city' },
  filed: { 'zh-CN': '已备案', en: 'filed' },
  ended: { 'zh-CN': '已结束', en: 'ended' },
} satisfies Record<TEngagementStatus, { 'zh-CN': string; en: string }>;

/** SPEC §3.2 / Art. 10(三) as a table: who may take which step from which status. */
export const ENGAGEMENT_TRANSITIONS = {
  // The county records (or, before the city reports it, corrects) the tripartite agreement.
  sign: {
    from: ['tendered', 'signed'],
    to: 'signed',
    action: 'engagement.manage',
    reasonRequired: false,
    label: { 'zh-CN': '登记三方合作协议', en: 'record the agreement' },
  },
  report: {
    from: ['signed'],
    to: 'reported',
    action: 'engagement.report',
    reasonRequired: false,
    label: { 'zh-CN': '汇总上报省商务厅', en: 'report to the province' },
  },
  return: {
    from: ['reported'],
    to: 'signed',
    action: 'engagement.return',
    reasonRequired: true,
    label: { 'zh-CN': '退回补正', en: 'return for correction' },
  },
  file: {
    from: ['reported'],
    to: 'filed',
    action: 'engagement.file',
    reasonRequired: false,
    label: { 'zh-CN': '备案并公布', en: 'file and publish' },
  },
} as const satisfies Record<
  EngagementStep,
  {
    from: readonly TEngagementStatus[];
    to: TEngagementStatus;
    action: TAction;
    reasonRequired: boolean;
    label: { 'zh-CN': string; en: string };
  }
>;

export function canStep(status: TEngagementStatus, step: EngagementStep): boolean {
  return (ENGAGEMENT_TRANSITIONS[step].from as readonly TEngagementStatus[]).includes(status);
}

/** INVALID_TRANSITION (409) naming the status and the step in the user's words. */
export function refuseStep(status: TEngagementStatus, label: { 'zh-CN': string; en: string }): AppError {
  return invalidTransition(status, ENGAGEMENT_STATUS_LABELS[status], label);
}

export function nextEngagementStatus(status: TEngagementStatus, step: EngagementStep): TEngagementStatus {
  if (!canStep(status, step)) throw refuseStep(status, ENGAGEMENT_TRANSITIONS[step].label);
  return ENGAGEMENT_TRANSITIONS[step].to;
}
