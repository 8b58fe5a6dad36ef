import type { TEligibilityItem, TEngagementStatus } from '../../../../contracts/engagement';

/** Blue while it moves through the offices, green once filed, grey when it ended. */
export const ENGAGEMENT_STATUS_COLOURS: Record<TEngagementStatus, string> = {
  tendered: 'processing',
  signed: 'geekblue',
  reported: 'gold',
  filed: 'success',
  ended: 'default',
};

/** The four steps of Art. 10(三) as the page draws them; `ended` comes after the last. */
export const ENGAGEMENT_STEPS: readonly TEngagementStatus[] = ['tendered', 'signed', 'reported', 'filed'];

/** Which numbered point of Art. 10(一) each checklist item comes from. */
export const CHECKLIST_POINTS: Record<TEligibilityItem, number> = {
  legal_entity: 1,
  sound_finance: 1,
  trade_qualification: 2,
  capabilities: 2,
  premises_and_team: 2,
  policy_knowledge: 2,
  no_violation: 3,
  not_on_credit_lists: 3,
};

/** The county may change the materials and the checklist until the city reports them (the server says so too). */
export function editableBeforeReport(status: TEngagementStatus): boolean {
  return status === 'tendered' || status === 'signed';
}
