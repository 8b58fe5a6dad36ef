import { Descriptions, Space, Tag, Typography } from 'antd';
import type { TCentreDetail } from '../../../../../contracts/centre';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { LEVEL_COLOURS, serviceLabel } from '../../shared/centre-labels';
import { CentreStatusTag } from '../../shared/StatusTag';

/** Every field of the application, as the county entered it and the offices see it. */
export function CentreDescriptions({ centre }: { centre: TCentreDetail }) {
  const { t, locale } = useLocale();
  const showSecond = centre.tradingEnterpriseCount !== null || Boolean(centre.supportStatement);
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-testid="centre-descriptions"
      styles={{ label: { width: 160 } }}
    >
      <Descriptions.Item label={t('centre.field.name')}>{centre.name}</Descriptions.Item>
      <Descriptions.Item label={t('centre.field.status')}>
        <CentreStatusTag status={centre.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.park')}>
        <Space wrap size={4}>
          {centre.parkName}
          <Tag color={LEVEL_COLOURS[centre.parkLevel]}>{t(`park.level.${centre.parkLevel}`)}</Tag>
          <Tag>{t(`park.kind.${centre.parkKind}`)}</Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.region')}>
        {centre.cityName} · {centre.countyName}
      </Descriptions.Item>
      {centre.operatorName && (
        <Descriptions.Item label={t('centre.field.operatorName')} span={2}>
          <span data-testid="centre-operator">{centre.operatorName}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('centre.field.venueAddress')} span={2}>
        {centre.venueAddress}
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.venueArea')}>
        {t('centre.verdict.sqm', { n: centre.venueArea })}
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.venueProvision')}>
        {t(`centre.provision.${centre.venueProvision}`)}
        {' · '}
        {centre.venueFree ? t('centre.field.venueFree') : <Tag color="red">{t('centre.field.venueNotFree')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.reasons')} span={2}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{centre.reasons}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('centre.field.services')} span={2}>
        <Space wrap size={[4, 4]}>
          {centre.services.map((s) => (
            <Tag key={s} color="blue">
              {serviceLabel(s, locale)}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
      {showSecond && (
        <>
          <Descriptions.Item label={t('centre.field.tradingEnterpriseCount')}>
            {centre.tradingEnterpriseCount ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('centre.field.supportStatement')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {centre.supportStatement ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('centre.field.contactPerson')}>{centre.contactPerson}</Descriptions.Item>
      <Descriptions.Item label={t('centre.field.contactPhone')}>{centre.contactPhone}</Descriptions.Item>
      <Descriptions.Item label={t('centre.field.submittedAt')}>{formatDateTime(centre.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('centre.field.recognisedAt')}>
        {formatDate(centre.recognisedAt, locale)}
      </Descriptions.Item>
      {centre.revokedAt && (
        <Descriptions.Item label={t('centre.field.revokedAt')}>
          {formatDate(centre.revokedAt, locale)}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('centre.field.updatedAt')} span="filled">
        {formatDateTime(centre.updatedAt)}
      </Descriptions.Item>
    </Descriptions>
  );
}
