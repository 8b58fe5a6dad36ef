import { Descriptions } from 'antd';
import type { TEnterprise } from '../../../../../contracts/enterprise';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { EnterpriseStatusTag } from './EnterpriseStatusTag';

/** The particulars the enterprise (or a centre, or a file) stated, as the reviewer checks them. */
export function EnterpriseDescriptions({ enterprise: e }: { enterprise: TEnterprise }) {
  const { t, locale } = useLocale();
  const yesNo = (b: boolean) => t(b ? 'common.yes' : 'common.no');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2 }}
      data-testid="enterprise-descriptions"
      styles={{ label: { width: 120 } }}
    >
      <Descriptions.Item label={t('enterprise.field.name')} span={2}>
        {e.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.creditCode')} span={2}>
        <span data-testid="enterprise-credit-code">{e.creditCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.region')}>
        {e.cityName} · {e.countyName}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.park')}>{e.parkName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.address')} span={2}>
        {e.address ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactPerson')}>{e.contactPerson}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactPhone')}>{e.contactPhone}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactEmail')} span={2}>
        {e.contactEmail ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.hasTradeRecord')}>{yesNo(e.hasTradeRecord)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.firstTradeOn')}>
        {formatDate(e.firstTradeOn, locale)}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.source')}>{t(`enterprise.source.${e.source}`)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.createdAt')}>{formatDateTime(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.status')}>
        <EnterpriseStatusTag status={e.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.account')}>
        {e.hasAccount ? `enterprise.${e.creditCode}` : t('enterprise.account.none')}
      </Descriptions.Item>
      {e.reviewedAt && (
        <>
          <Descriptions.Item label={t('enterprise.field.reviewedAt')}>{formatDateTime(e.reviewedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.field.reviewComment')}>{e.reviewComment ?? '—'}</Descriptions.Item>
        </>
      )}
    </Descriptions>
  );
}
