import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Grid, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { countryName, hsChapterLabel, tradeModeLabel } from '../../../../../contracts/trade-codes';
import type { TTradeDeclarationDetail } from '../../../../../contracts/trade-intake';
import { useLocale } from '../../../../i18n';
import { api } from '../../../../request';
import { formatDay, formatMoney } from '../../shared/trade-format';

type Line = TTradeDeclarationDetail['lines'][number];

/** One declaration: its head, and its lines in the original currency, 元 and US dollars. */
export function DeclarationDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t, locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const detail = useQuery({
    queryKey: ['trade', 'declaration', id],
    queryFn: () => api.get<TTradeDeclarationDetail>(`/api/trade/declarations/${id}`),
    enabled: id !== null,
  });
  const d = detail.data;
  const currency = d?.currency ?? 'CNY';
  const goods = (name: string, l: Line) => (
    <>
      <div>{name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l.commodityCode} · {hsChapterLabel(l.hsChapter, locale)}
      </Typography.Text>
      {phone && <div style={{ fontSize: 12 }}>{`${Number(l.quantity).toLocaleString(locale)} ${l.unit}`}</div>}
    </>
  );
  const wideColumns: TableColumnsType<Line> = [
    { title: t('trade.field.lineNo'), dataIndex: 'lineNo', width: 50 },
    { title: t('trade.field.goodsName'), dataIndex: 'goodsName', width: 200, render: goods },
    {
      title: t('trade.field.quantity'),
      key: 'quantity',
      width: 110,
      render: (_: unknown, l) => `${Number(l.quantity).toLocaleString(locale)} ${l.unit}`,
    },
    {
      title: t('trade.field.lineAmount'),
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (a: string) => formatMoney(a, currency, locale),
    },
    {
      title: t('trade.field.amountCny'),
      dataIndex: 'amountCny',
      width: 140,
      align: 'right',
      render: (a: string) => formatMoney(a, 'CNY', locale),
    },
    {
      title: t('trade.field.amountUsd'),
      dataIndex: 'amountUsd',
      width: 130,
      align: 'right',
      render: (a: string) => formatMoney(a, 'USD', locale),
    },
  ];
  // A phone: the goods with code and quantity, and the three amounts stacked.
  const phoneColumns: TableColumnsType<Line> = [
    { title: t('trade.field.goodsName'), dataIndex: 'goodsName', render: goods },
    {
      title: t('trade.field.lineAmount'),
      key: 'amounts',
      width: 130,
      align: 'right',
      render: (_: unknown, l) => (
        <>
          <div>{formatMoney(l.amount, currency, locale)}</div>
          <div style={{ fontSize: 12 }}>{formatMoney(l.amountCny, 'CNY', locale)}</div>
          <div style={{ fontSize: 12 }}>{formatMoney(l.amountUsd, 'USD', locale)}</div>
        </>
      ),
    },
  ];
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={phone ? '100%' : 860}
      title={d ? t('trade.detail.title', { no: d.declarationNo }) : ''}
      data-testid="trade-declaration-drawer"
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" bordered column={phone ? 1 : 2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('trade.field.enterprise')} span={phone ? 1 : 2}>
              {d.enterpriseName}
              <Typography.Text type="secondary"> {d.creditCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.direction')}>
              {t(`trade.direction.${d.direction}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.declaredOn')}>{formatDay(d.declaredOn, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('trade.field.tradeMode')}>
              {tradeModeLabel(d.tradeMode, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.country')}>{countryName(d.country, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('trade.field.amount')}>
              {formatMoney(d.amount, d.currency, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.amountCny')}>
              {formatMoney(d.amountCny, 'CNY', locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.amountUsd')}>
              {formatMoney(d.amountUsd, 'USD', locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.field.source')}>{t(`trade.source.${d.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('trade.field.orderNo')}>{d.orderNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('trade.field.foreignCustomer')}>{d.foreignCustomer ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('trade.detail.lines')}</Typography.Title>
          <Table<Line>
            size="small"
            rowKey="lineNo"
            dataSource={d.lines}
            pagination={false}
            scroll={phone ? undefined : { x: 760 }}
            data-testid="trade-declaration-lines"
            columns={phone ? phoneColumns : wideColumns}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('trade.detail.rateNote', { month: d.declaredOn.slice(0, 7) })}
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
