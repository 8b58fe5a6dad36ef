import { Tag, Typography } from 'antd';
import { SUBMISSION_STATUS_NAMES, type TGrade, type TSubmissionStatus } from '../../../../contracts/assessment';
import { useLocale } from '../../../i18n';
import { formatDate, todayInBeijing } from '../../../lib/format';
import { daysUntil } from './evaluation-api';
import { GradeTag as ResultGradeTag } from './GradeTag';

/** A grade, or a dash before there is one — the same tag (colours, words) as the published results show. */
export function GradeTag({ grade }: { grade: TGrade | null }) {
  return grade ? <ResultGradeTag grade={grade} /> : <>—</>;
}

export function StatusTag({ status }: { status: TSubmissionStatus }) {
  const { locale } = useLocale();
  const color = status === 'published' || status === 'confirmed' ? 'green' : status === 'sent_back' ? 'orange' : 'blue';
  return <Tag color={color}>{SUBMISSION_STATUS_NAMES[status][locale]}</Tag>;
}

/** The evaluation deadline with the days left (calendar days; the date itself is what counts). */
export function DueDate({ day }: { day: string }) {
  const { t, locale } = useLocale();
  const left = daysUntil(day, todayInBeijing());
  const date = formatDate(day, locale);
  if (left < 0)
    return <Typography.Text type="danger">{t('evaluation.overdue', { date, days: -left })}</Typography.Text>;
  if (left === 0) return <Typography.Text type="warning">{t('evaluation.dueToday', { date })}</Typography.Text>;
  return <>{t('evaluation.due', { date, days: left })}</>;
}

export function points(n: number | null): string {
  return n === null ? '—' : n.toFixed(2);
}
