import type { TPolicyDraftStatus } from '../../../contracts/policy-draft';
import { invalidTransition } from '../../lib/errors';

const STATUS_LABELS: Record<TPolicyDraftStatus, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '草案', en: 'draft' },
  published: { 'zh-CN': '已发布', en: 'published' },
  discarded: { 'zh-CN': '已废弃', en: 'discarded' },
};

const STEP_LABELS = {
  edit: {
    'zh-CN': '修改（已发布的版本不可修改，第十六条）',
    en: 'edit it (a published version is never edited, Art. 16)',
  },
  discard: { 'zh-CN': '废弃', en: 'discard it' },
  publish: { 'zh-CN': '发布', en: 'publish it' },
} as const;

/**
 * A draft moves once: draft → published or draft → discarded. Every later step is refused in the user's words
 * (Art. 16: what is published stays as published; a new change is a new draft).
 */
export function notADraft(status: TPolicyDraftStatus, step: keyof typeof STEP_LABELS) {
  return invalidTransition(status, STATUS_LABELS[status], STEP_LABELS[step]);
}
