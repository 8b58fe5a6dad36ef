import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { TCentreAdjustment, TCentreChange, TCentreDetail } from '../../../../../contracts/centre';
import type { TServiceCategory } from '../../../../../contracts/service-category';
import { type Translate, useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { serviceLabel } from '../../shared/centre-labels';
import { PrintLink } from './LetterList';

const STATUS_COLOURS: Record<TCentreChange['status'], string> = {
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
};

const FIELD_LABELS = {
  name: 'centre.field.name',
  venueAddress: 'centre.field.venueAddress',
  venueArea: 'centre.field.venueArea',
  venueProvision: 'centre.field.venueProvision',
  services: 'centre.field.services',
  contactPerson: 'centre.field.contactPerson',
  contactPhone: 'centre.field.contactPhone',
} as const satisfies Record<keyof TCentreAdjustment, string>;

function fieldValue(
  key: keyof TCentreAdjustment,
  value: TCentreAdjustment[keyof TCentreAdjustment],
  t: Translate,
  locale: 'zh-CN' | 'en',
) {
  if (value === undefined || value === null) return '—';
  if (key === 'services' && Array.isArray(value)) {
    return (value as TServiceCategory[]).map((s) => serviceLabel(s, locale)).join('、');
  }
  if (key === 'venueProvision')
    return t(`centre.provision.${value as NonNullable<TCentreAdjustment['venueProvision']>}`);
  if (key === 'venueArea') return t('centre.verdict.sqm', { n: value as number });
  return String(value);
}

/** 名称：A → B, one line per field an adjustment changes (the "before" is the centre as it is now). */
export function AdjustmentSummary({ centre, adjustment }: { centre: TCentreDetail; adjustment: TCentreAdjustment }) {
  const { t, locale } = useLocale();
  const keys = (Object.keys(FIELD_LABELS) as (keyof TCentreAdjustment)[]).filter((k) => adjustment[k] !== undefined);
  if (keys.length === 0) return <>—</>;
  return (
    <div>
      {keys.map((key) => (
        <div key={key}>
          <Typography.Text type="secondary">
            {t(FIELD_LABELS[key])}
            {t('common.colon')}
          </Typography.Text>
          {fieldValue(key, adjustment[key], t, locale)}
          {centre[key] !== undefined && JSON.stringify(centre[key]) !== JSON.stringify(adjustment[key]) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({t('centre.change.current')}
              {t('common.colon')}
              {fieldValue(key, centre[key] as never, t, locale)})
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  );
}

interface ChangeListProps {
  centre: TCentreDetail;
  canDecide: boolean;
  onDecide: (change: TCentreChange) => void;
}

/** 调整/撤销记录 (Art. 9(四)): requests by the city and decisions by the province, with their letters. */
export function ChangeList({ centre, canDecide, onDecide }: ChangeListProps) {
  const { t } = useLocale();
  if (centre.changes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {centre.changes.map((change) => (
        <Card
          key={change.id}
          size="small"
          data-testid="centre-change"
          data-status={change.status}
          title={
            <Space wrap size={4}>
              <Tag color={change.kind === 'revocation' ? 'red' : 'blue'}>{t(`centre.change.kind.${change.kind}`)}</Tag>
              <Tag>{t(`centre.change.origin.${change.origin}`)}</Tag>
              <Tag color={STATUS_COLOURS[change.status]}>{t(`centre.change.status.${change.status}`)}</Tag>
            </Space>
          }
          extra={
            <Space>
              {change.decisionLetterId !== null && <PrintLink id={change.decisionLetterId} />}
              {canDecide && change.status === 'submitted' && (
                <Button type="primary" size="small" data-testid="action-decideChange" onClick={() => onDecide(change)}>
                  {t('centre.action.decideChange')}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('centre.change.reason')}>{change.reason}</Descriptions.Item>
            {change.adjustment && (
              <Descriptions.Item label={t('centre.change.fields')}>
                <AdjustmentSummary centre={centre} adjustment={change.adjustment} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('centre.change.requestedBy')}>
              {change.requestedBy ?? '—'} · {formatDateTime(change.requestedAt)}
            </Descriptions.Item>
            {change.decidedAt && (
              <Descriptions.Item label={t('centre.change.decidedAt')}>
                {formatDateTime(change.decidedAt)}
                {change.decisionComment ? ` · ${change.decisionComment}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      ))}
    </Space>
  );
}
