import { useQuery } from '@tanstack/react-query';
import { GRADE_NAMES, GRADES } from '../../../../contracts/assessment';
import type { TLocale } from '../../../../contracts/common';
import type { TMessage } from '../../../../contracts/message';
import { RATING_LEVELS, SERVICE_STATUSES } from '../../../../contracts/service-record';
import type { Translate } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { api } from '../../../request';

/** The list and the bell's count share this key, so reading a message refreshes both. */
export const MESSAGES_KEY = ['messages'] as const;

/** 站内消息 not yet read: the header's bell asks every minute and whenever the window regains focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'unread-count'],
    queryFn: () => api.get<{ unread: number }>('/api/messages/unread-count'),
    select: (data) => data.unread,
    refetchInterval: 60 * 1000,
    refetchOnWindowFocus: true,
    staleTime: 0,
    // The bell is no reason to interrupt the user with an error toast; the next poll tries again.
    meta: { silent: true },
    enabled,
  });
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * The message in the reader's language: its kind's template filled with its params, a status or rating level named
 * in words, a day written as a date.
 */
export function messageText(m: TMessage, t: Translate, locale: TLocale, answersRectifications = true): string {
  const p = m.params;
  const status = isOneOf(SERVICE_STATUSES, p.status) ? t(`service.status.${p.status}`) : p.status;
  const level = isOneOf(RATING_LEVELS, p.level) ? t(`rating.level.${p.level}`) : p.level;
  const dueOn = typeof p.dueOn === 'string' ? formatDate(p.dueOn, locale) : p.dueOn;
  // A step without a note (accepted, assigned) still says where the record now stands.
  const note = typeof p.note === 'string' && p.note.trim() ? p.note : (status ?? '');
  const day = (v: string | number | null | undefined) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v;
  const days = {
    submissionDue: day(p.submissionDue),
    prereviewDue: day(p.prereviewDue),
    evaluationDue: day(p.evaluationDue),
    until: day(p.until),
  };
  const grade = isOneOf(GRADES, p.grade) ? GRADE_NAMES[p.grade][locale] : p.grade;
  const params = { ...p, ...days, status, level, dueOn, note, grade };
  // The county hears of a new rectification too; the answer is the centre's, so the county reads it as a fact.
  if (m.kind === 'rectification.opened' && !answersRectifications)
    return t('message.rectification.openedOversight', params);
  return t(`message.kind.${m.kind}`, params);
}
