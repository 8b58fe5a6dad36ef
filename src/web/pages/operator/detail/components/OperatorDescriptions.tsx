import { Descriptions, Space, Tag } from 'antd';
import type { TOperatorDetail } from '../../../../../contracts/operator';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { QualificationTag } from '../../shared/QualificationTag';
import { IdentityButton } from './IdentityButton';

/** Every field of the registration; the ID number masked, the full one behind an audited button. */
export function OperatorDescriptions({ operator }: { operator: TOperatorDetail }) {
  const t = useT();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-testid="operator-descriptions"
      styles={{ label: { width: 170 } }}
    >
      <Descriptions.Item label={t('operator.field.name')}>{operator.name}</Descriptions.Item>
      <Descriptions.Item label={t('operator.field.qualificationStatus')}>
        <QualificationTag status={operator.qualificationStatus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.creditCode')}>
        <span style={{ fontFamily: 'monospace' }}>{operator.creditCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.tradeRegistration')}>{operator.tradeRegistration}</Descriptions.Item>
      <Descriptions.Item label={t('operator.field.legalRepName')}>{operator.legalRepName}</Descriptions.Item>
      <Descriptions.Item label={t('operator.field.legalRepIdNumber')}>
        <Space size={4} wrap>
          <span style={{ fontFamily: 'monospace' }} data-testid="identity-masked">
            {operator.legalRepIdMasked}
          </span>
          {operator.allowedActions.includes('viewIdentity') && <IdentityButton operator={operator} />}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.capabilities')} span={2}>
        <Space wrap size={[4, 4]}>
          {operator.capabilities.map((c) => (
            <Tag key={c} color="blue">
              {t(`operator.capability.${c}`)}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.premises')} span={2}>
        {operator.premises}
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.contactPhone')}>{operator.contactPhone}</Descriptions.Item>
      <Descriptions.Item label={t('operator.field.registeredRegion')}>
        <span data-testid="operator-registered-region">
          {operator.registeredRegionName ?? operator.registeredRegionCode}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('operator.field.createdAt')}>{formatDateTime(operator.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('operator.field.updatedAt')} span="filled">
        {formatDateTime(operator.updatedAt)}
      </Descriptions.Item>
    </Descriptions>
  );
}
