import { Descriptions, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TBidder, TEngagementDetail } from '../../../../../contracts/engagement';
import { useCan } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { formatDate, formatYuan } from '../../../../lib/format';
import { rowTestId } from '../../../../lib/list-state';

/** The county's tender (Art. 10(三)): how the operator was chosen, among whom, for how much and for how long. */
export function TenderFacts({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t, locale } = useLocale();
  const can = useCan();
  const money = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? '—' : formatYuan(amount, locale);
  const isWinner = (b: TBidder) => b.creditCode === e.operatorCreditCode || b.name.trim() === e.operatorName;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="engagement-tender"
        styles={{ label: { width: 140 } }}
      >
        <Descriptions.Item label={t('engagement.field.operator')} span={2}>
          {can('operator.read') ? (
            <Link to={`/operators/${e.operatorId}`} data-testid="engagement-operator">
              {e.operatorName}
            </Link>
          ) : (
            <span data-testid="engagement-operator">{e.operatorName}</span>
          )}{' '}
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            {e.operatorCreditCode}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.projectNumber')}>{e.projectNumber}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.method')}>
          {e.method === 'public_tender' ? (
            t('engagement.method.public_tender')
          ) : (
            <Tag color="orange">{t('engagement.method.other')}</Tag>
          )}
          {e.methodNote && <div style={{ whiteSpace: 'pre-wrap' }}>{e.methodNote}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.announcedOn')}>
          {formatDate(e.announcedOn, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.awardedOn')}>{formatDate(e.awardedOn, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.contractAmount')}>{money(e.contractAmount)}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.servicePeriod')}>
          <span data-testid="engagement-service-period">
            {t('engagement.period', {
              start: formatDate(e.serviceStart, locale),
              end: formatDate(e.serviceEnd, locale),
            })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.field.policyVersion')} span="filled">
          {t('centre.verdict.policyVersion', { version: e.policyVersion })}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
        {t('engagement.bidders.title', { n: e.bidders.length })}
      </Typography.Text>
      <Table<TBidder>
        size="small"
        rowKey={(b, i) => `${b.name}-${i}`}
        dataSource={e.bidders}
        pagination={false}
        data-testid="engagement-bidders"
        onRow={rowTestId('engagement-bidder')}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('engagement.bidders.name'),
            dataIndex: 'name',
            render: (name: string, b) => (
              <>
                {name} {isWinner(b) && <Tag color="green">{t('engagement.bidders.winner')}</Tag>}
              </>
            ),
          },
          {
            title: t('engagement.bidders.creditCode'),
            dataIndex: 'creditCode',
            render: (code: string | null | undefined) => code || '—',
          },
          {
            title: t('engagement.bidders.bidAmount'),
            dataIndex: 'bidAmount',
            align: 'right',
            render: (amount: number | null | undefined) => money(amount),
          },
        ]}
      />
    </>
  );
}
