import { Card, Descriptions, Empty, Rate, Typography } from 'antd';
import type { TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { RatingTag } from '../../shared/service-labels';

/** 服务评价 (Art. 8): the enterprise's own verdict on this service, read-only — the centre can neither edit nor delete it. */
export function RatingCard({ record }: { record: TServiceRecordDetail }) {
  const t = useT();
  const r = record.rating;
  const stars = (n: number | null) => (n === null ? '—' : <Rate disabled value={n} style={{ fontSize: 14 }} />);
  return (
    <Card size="small" title={t('service.rating.title')} data-testid="rating-card">
      {r ? (
        <Descriptions size="small" column={1} styles={{ label: { width: 90 } }}>
          <Descriptions.Item label={t('service.rating.level')}>
            <RatingTag level={r.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('service.rating.efficiency')}>{stars(r.efficiency)}</Descriptions.Item>
          <Descriptions.Item label={t('service.rating.attitude')}>{stars(r.attitude)}</Descriptions.Item>
          <Descriptions.Item label={t('service.rating.professionalism')}>{stars(r.professionalism)}</Descriptions.Item>
          <Descriptions.Item label={t('service.rating.comment')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="rating-comment">
              {r.comment ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('service.rating.ratedAt')}>{formatDateTime(r.ratedAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(record.status === 'completed' ? 'service.rating.awaiting' : 'service.rating.afterCompletion')}
        />
      )}
    </Card>
  );
}
