import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../access';
import { detailView } from '../../../components/DetailPage';
import { useT } from '../../../i18n';
import { EngagementPanel } from '../shared/EngagementPanel';
import { EngagementStatusTag } from '../shared/EngagementStatusTag';
import { useEngagementDetail } from '../shared/engagement-api';

/** One engagement on its own page (from 承办企业备案), with a way to its centre. */
export function EngagementDetailPage() {
  const t = useT();
  const can = useCan();
  const id = Number(useParams().id);
  const detail = useEngagementDetail(Number.isInteger(id) && id > 0 ? id : -1);

  const view = detailView(detail, {
    title: t('engagement.notFound'),
    backTo: '/engagements',
    backLabel: t('engagement.backToList'),
  });
  if (view.fallback) return view.fallback;

  const e = view.data;
  return (
    <Card
      data-testid="engagement-detail"
      title={
        <Space wrap size={8} style={{ rowGap: 4 }}>
          <Link to="/engagements" aria-label={t('engagement.backToList')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="engagement-centre-name">
            {e.centreName}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('engagement.field.operator')}
            {t('common.colon')}
            {e.operatorName}
          </Typography.Text>
          <EngagementStatusTag status={e.status} />
        </Space>
      }
      extra={
        <Space>
          {can('centre.read') && (
            <Link to={`/centres/${e.centreId}`} data-testid="engagement-centre-link">
              {t('engagement.openCentre')}
            </Link>
          )}
          <Button
            type="text"
            icon={<ReloadOutlined />}
            loading={detail.isFetching}
            onClick={() => detail.refetch()}
            aria-label={t('common.retry')}
          />
        </Space>
      }
    >
      <EngagementPanel engagement={e} />
    </Card>
  );
}
