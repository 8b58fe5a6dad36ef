import type { TServiceStatus } from '../../../contracts/service-record';
import { invalidTransition } from '../../lib/errors';

export type ServiceStep = 'accept' | 'progress' | 'assign' | 'complete' | 'cancel' | 'attach';

export const SERVICE_STATUS_LABELS: Record<TServiceStatus, { 'zh-CN': string; en: string }> = {
  submitted: { 'zh-CN': '待受理', en: 'awaiting acceptance' },
  accepted: { 'zh-CN': '已受理', en: 'accepted' },
  in_progress: { 'zh-CN': '办理中', en: 'in progress' },
  completed: { 'zh-CN': '已办结', en: 'completed' },
  cancelled: { 'zh-CN': '已撤销', en: 'cancelled' },
};

export const SERVICE_STEP_LABELS: Record<ServiceStep, { 'zh-CN': string; en: string }> = {
  accept: { 'zh-CN': '受理', en: 'accept' },
  progress: { 'zh-CN': '添加进度', en: 'add progress' },
  assign: { 'zh-CN': '指派经办人', en: 'assign' },
  complete: { 'zh-CN': '办结', en: 'complete' },
  cancel: { 'zh-CN': '撤销', en: 'cancel' },
  attach: { 'zh-CN': '上传附件', en: 'attach a file' },
};

/**
 * SPEC §3.5: 待受理 → 受理 → 办理中 → 已办结, or 已撤销 from any open state. A progress entry on an accepted record
 * starts the work (办理中). Completed and cancelled records are final: nothing moves them again.
 */
const FROM: Record<ServiceStep, readonly TServiceStatus[]> = {
  accept: ['submitted'],
  progress: ['accepted', 'in_progress'],
  assign: ['submitted', 'accepted', 'in_progress'],
  complete: ['accepted', 'in_progress'],
  cancel: ['submitted', 'accepted', 'in_progress'],
  attach: ['submitted', 'accepted', 'in_progress', 'completed'],
};

const TO: Partial<Record<ServiceStep, TServiceStatus>> = {
  accept: 'accepted',
  progress: 'in_progress',
  complete: 'completed',
  cancel: 'cancelled',
};

export function canStep(from: TServiceStatus, step: ServiceStep): boolean {
  return FROM[step].includes(from);
}

/** The status after a step, or INVALID_TRANSITION (409) naming both in the user's words. */
export function nextServiceStatus(from: TServiceStatus, step: ServiceStep): TServiceStatus {
  if (!canStep(from, step)) throw invalidTransition(from, SERVICE_STATUS_LABELS[from], SERVICE_STEP_LABELS[step]);
  return TO[step] ?? from;
}
