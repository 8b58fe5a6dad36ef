import { Descriptions, Typography } from 'antd';
import type { TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { ServiceStatusTag, serviceItemLabel } from '../../shared/service-labels';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

/** The record as the enterprise asked for it and the centre handled it. */
export function ServiceDescriptions({ record }: { record: TServiceRecordDetail }) {
  const { t, locale } = useLocale();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-testid="service-descriptions"
      styles={{ label: { width: 130 } }}
    >
      <Descriptions.Item label={t('service.field.number')}>{record.number}</Descriptions.Item>
      <Descriptions.Item label={t('service.field.status')}>
        <ServiceStatusTag status={record.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.enterprise')}>
        <div>{record.enterpriseName}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {record.enterpriseCreditCode}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.centre')}>
        <div>{record.centreName}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {record.cityName} · {record.countyName}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.item')} span={2}>
        {serviceItemLabel(record.category, record.subItem, locale)}
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.channel')}>{t(`service.channel.${record.channel}`)}</Descriptions.Item>
      <Descriptions.Item label={t('service.field.source')}>{t(`service.source.${record.source}`)}</Descriptions.Item>
      <Descriptions.Item label={t('service.field.requestText')} span={2}>
        <Typography.Paragraph style={pre} data-testid="service-request-text">
          {record.requestText}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.assignee')}>
        <span data-testid="service-assignee">{record.assigneeName ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('service.field.submittedAt')}>{formatDateTime(record.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('service.field.acceptedAt')}>{formatDateTime(record.acceptedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('service.field.completedAt')}>{formatDateTime(record.completedAt)}</Descriptions.Item>
      {record.resultText && (
        <Descriptions.Item label={t('service.field.resultText')} span={2}>
          <Typography.Paragraph style={pre} data-testid="service-result-text">
            {record.resultText}
          </Typography.Paragraph>
        </Descriptions.Item>
      )}
      {record.cancelReason && (
        <Descriptions.Item label={t('service.field.cancelReason')} span={2}>
          <Typography.Paragraph style={pre}>
            {record.cancelReason}
            {record.cancelledAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                · {formatDateTime(record.cancelledAt)}
              </Typography.Text>
            )}
          </Typography.Paragraph>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
