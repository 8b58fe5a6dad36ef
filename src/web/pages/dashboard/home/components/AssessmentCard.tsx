import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { THomeAssessment } from '../../../../../contracts/assessment-cycle';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { DeadlineText } from '../../../assessment/shared/DeadlineTag';

/** 年度考核 on a home page (Art. 12(二)): the running cycle's deadlines and the caller's own to-do. */
export function AssessmentCard({ a, role }: { a: THomeAssessment; role: string }) {
  const { t, locale } = useLocale();
  const todo: { text: string; link: string }[] = [];
  if (a.submission && (a.submission.status === 'draft' || a.submission.status === 'returned'))
    todo.push({
      text: t('assessment.home.submit', {
        status: t(`assessment.status.${a.submission.status}`),
        due: formatDate(a.submission.dueOn, locale),
      }),
      link: `/assessment/submissions/${a.submission.id}`,
    });
  if (role === 'city' && a.awaitingPrereview > 0)
    todo.push({ text: t('assessment.home.awaiting', { count: a.awaitingPrereview }), link: '/assessment' });
  if (role === 'evaluator' && a.awaitingScore > 0)
    todo.push({
      text: t('assessment.home.awaitingScore', { count: a.awaitingScore, due: formatDate(a.evaluationDue, locale) }),
      link: '/assessment/evaluation',
    });
  if (role !== 'operator' && role !== 'evaluator' && a.notSubmitted > 0)
    todo.push({ text: t('assessment.home.notSubmitted', { count: a.notSubmitted }), link: '/assessment' });
  return (
    <Card
      size="small"
      title={`${t('assessment.home.title')} · ${a.title}`}
      extra={
        <Link to={a.submission ? `/assessment/submissions/${a.submission.id}` : '/assessment'}>
          {t('assessment.home.open')}
        </Link>
      }
      data-testid="home-assessment"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {todo.map((item) => (
          <Link key={item.text} to={item.link} data-testid="home-assessment-todo">
            <Tag color="orange">{t('assessment.home.todo')}</Tag>
            {item.text}
          </Link>
        ))}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('assessment.submissionDue')}>
            <DeadlineText day={a.submissionDue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.prereviewDue')}>
            <DeadlineText day={a.prereviewDue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.evaluationDue')}>
            <DeadlineText day={a.evaluationDue} />
          </Descriptions.Item>
        </Descriptions>
        {todo.length === 0 && <Typography.Text type="secondary">{t('assessment.home.nothing')}</Typography.Text>}
      </Space>
    </Card>
  );
}
