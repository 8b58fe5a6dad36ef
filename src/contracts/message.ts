import { z } from 'zod';
import { ZPage, zPageSize } from './common';

/** 站内消息 kinds; the web renders each with its own zh-CN / English template and the params. */
export const MESSAGE_KINDS = [
  'service.submitted', // to the centre: an enterprise requested a service {number, enterpriseName}
  'service.progress', // to the enterprise: its record moved or got a progress entry {number, status, note}
  'service.completed', // to the enterprise: completed, please rate {number}
  'rating.reminder', // to the enterprise: still unrated {number, days}
  'rating.received', // to the centre: a rating arrived {number, level}
  'rectification.opened', // to the centre and the county: a bad rating needs an answer {number, dueOn}
  'rectification.dueSoon', // to the centre: the answer is due soon {number, dueOn}
  'rectification.answered', // to the county: the centre answered {number}
  'rectification.reopened', // to the centre: the county sent the answer back {number, comment}
  'enterprise.registered', // to reviewers: an enterprise registered and awaits approval {name, creditCode}
  'enterprise.reviewed', // (by e-mail/SMS adapters only: the enterprise has no account before approval)
  'assessment.assigned', // to an agency's evaluators: submissions assigned to it {year, count, evaluationDue}
  'assessment.sentBack', // to the agency's evaluators: the province sent a score back {year, centreName, reason}
  'assessment.published', // to operators, cities, counties: the year's grades are published {year, centreName, grade}
  'assessment.cycleOpened', // to operators, cities, counties, evaluators: the year's assessment notice {year, title, submissionDue, prereviewDue, evaluationDue}
  'assessment.returned', // to the centre: the city returned its assessment material {year, reason}
  'assessment.reopened', // to the centre: the province reopened submission {year, until}
  'assessment.cancellationDue', // to the province: two 较差 years running, confirm the cancellation {centreName, operatorName, years}
  'assessment.qualificationCancelled', // to the county, city and centre: the operator's qualification was cancelled {operatorName, centreName, years}
  'centre.conditionFailing', // to the city and the county: a recognised centre stopped meeting its venue or staffing condition {centreName, since, conditionZh, conditionEn, detailZh, detailEn}
  'centre.conditionResolved', // to the city and the county: it meets the condition again {centreName, on, conditionZh, conditionEn}
  'sanction.disqualified', // to the county, city and centre concerned: the province disqualified the operator (Art. 13) {operatorName, letterNumber, centreName}
  'sanction.blacklisted', // to the county, city and centre concerned: the province blacklisted the operator (Art. 14) {operatorName, letterNumber, centreName}
  'auth.account.attacked', // to administrators: many wrong passwords for one name {username, failures, minutes, addresses}
] as const;
export const ZMessageKind = z.enum(MESSAGE_KINDS);
export type TMessageKind = z.infer<typeof ZMessageKind>;

export const ZMessage = z.object({
  id: z.number().int(),
  kind: ZMessageKind,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZMessageListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20, 100),
  unread: z.enum(['true', 'false']).optional(),
});
export type TMessageListQuery = z.infer<typeof ZMessageListQuery>;

export const ZUnreadCount = z.object({ unread: z.number().int() });
