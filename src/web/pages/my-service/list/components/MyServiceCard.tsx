import { ClockCircleOutlined, RightOutlined, ShopOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TServiceRecord } from '../../../../../contracts/service-record';
import { DemoTag } from '../../../../components/DemoTag';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { categoryName, ServiceStatusTag, subItemName } from '../../shared/labels';

/** One request, the whole card a link to its page: what was asked, of which centre, when, and where it stands. */
export function MyServiceCard({ record }: { record: TServiceRecord }) {
  const { t, locale } = useLocale();
  const toRate = record.status === 'completed' && record.ratingLevel === null;
  return (
    <Link
      to={`/my/services/${record.id}`}
      style={{ display: 'block', width: '100%', color: 'inherit' }}
      data-testid={`my-service-card-${record.number}`}
    >
      <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 1, minWidth: 0 }} ellipsis>
            {record.number}
          </Typography.Text>
          {record.isDemo && <DemoTag />}
          <ServiceStatusTag status={record.status} />
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 15, display: 'block' }}>
              {categoryName(record.category, locale)}
            </Typography.Text>
            <Typography.Text style={{ display: 'block' }}>
              {subItemName(record.category, record.subItem, locale)}
            </Typography.Text>
          </div>
          <RightOutlined style={{ color: '#bfbfbf' }} />
        </div>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 13 }}>
          <ShopOutlined style={{ marginInlineEnd: 6 }} />
          {record.centreName}
        </Typography.Text>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <ClockCircleOutlined style={{ marginInlineEnd: 6 }} />
            {t('myService.submittedOn', { date: formatDate(record.submittedAt, locale) })}
          </Typography.Text>
          {toRate && (
            <Tag color="orange" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('myService.toRate')}
            </Tag>
          )}
          {record.ratingLevel && (
            <Tag icon={<StarFilled />} style={{ marginInlineEnd: 0 }} data-testid="my-service-rated">
              {t(`myService.rate.level.${record.ratingLevel}`)}
            </Tag>
          )}
        </div>
      </Card>
    </Link>
  );
}
