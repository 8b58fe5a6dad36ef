import { Descriptions, Empty, Table, Typography } from 'antd';
import type { TEngagementDetail, TFundLine } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate, formatWan, formatYuan } from '../../../../lib/format';

/** The sum of the fund-use lines that state an amount, in 元. */
export function fundTotal(lines: readonly Partial<TFundLine>[] | undefined): number {
  return (lines ?? []).reduce((sum, l) => sum + (typeof l?.amount === 'number' ? l.amount : 0), 0);
}

/**
 * 三方合作协议 (Art. 10(三)) and its fund-use scope (Art. 11), line by line with the total in 万元 — as signed by the
 * county bureau, the park committee and the operator.
 */
export function AgreementView({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t, locale } = useLocale();
  if (!e.signedOn) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engagement.agreement.none')} />;
  }
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="engagement-agreement"
        styles={{ label: { width: 140 } }}
      >
        <Descriptions.Item label={t('engagement.agreement.number')}>{e.agreementNumber}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.agreement.signedOn')}>
          {formatDate(e.signedOn, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('engagement.agreement.countyParty')}>{e.countyParty}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.agreement.parkParty')}>{e.parkParty}</Descriptions.Item>
        <Descriptions.Item label={t('engagement.agreement.operatorParty')} span={2}>
          {e.operatorName}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
        {t('engagement.agreement.fundScope')}
      </Typography.Text>
      <Table<TFundLine>
        size="small"
        rowKey={(l, i) => `${l.item}-${i}`}
        dataSource={e.fundScope}
        pagination={false}
        data-testid="engagement-fund-scope"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('engagement.agreement.fundItem'), dataIndex: 'item' },
          {
            title: t('engagement.agreement.fundAmount'),
            dataIndex: 'amount',
            align: 'right',
            render: (a: number | null | undefined) => (typeof a === 'number' ? formatYuan(a, locale) : '—'),
          },
          {
            title: t('engagement.agreement.fundDescription'),
            dataIndex: 'description',
            render: (d: string | null | undefined) => d || '—',
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('engagement.agreement.fundTotal')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="fund-total">{formatWan(fundTotal(e.fundScope), locale)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
      />
    </>
  );
}
