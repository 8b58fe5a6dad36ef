import { Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useLocale } from '../../../../i18n';
import { useEvaluations } from '../../../assessment/shared/evaluation-api';
import { DueDate, GradeTag, StatusTag } from '../../../assessment/shared/labels';

/** The evaluator's home (Art. 12(二)(3)): what its agency is assigned, with its status and the evaluation deadline. */
export function EvaluatorTasksCard() {
  const { t } = useLocale();
  const list = useEvaluations(undefined);
  const items = list.data?.items ?? [];
  return (
    <Card title={t('home.evaluator.title')} data-testid="home-evaluator" loading={list.isPending}>
      {items.length === 0 ? (
        <Empty description={t('home.evaluator.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(r) => (
            <List.Item
              key={r.submissionId}
              extra={r.grade ? <GradeTag grade={r.grade} /> : null}
              data-testid="home-evaluator-task"
            >
              <Space orientation="vertical" size={2}>
                <Link to={`/assessment/submissions/${r.submissionId}/evaluation`}>
                  {`${r.cycle.year}年度 · ${r.centreName}`}
                </Link>
                <Space wrap size={8}>
                  <StatusTag status={r.status} />
                  {(r.status === 'assigned' || r.status === 'sent_back') && (
                    <Typography.Text type="secondary">
                      {t('evaluation.col.due')}：<DueDate day={r.cycle.evaluationDue} />
                    </Typography.Text>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
