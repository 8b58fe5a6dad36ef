import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useEffect, useMemo, useState } from 'react';
import {
  countryList,
  countryName,
  HS_CHAPTERS,
  hsChapterLabel,
  TRADE_MODES,
  tradeModeLabel,
} from '../../../../contracts/trade-codes';
import type { TTradeDeclaration } from '../../../../contracts/trade-intake';
import { useCan, useMe } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { api, exportUrl, type ListResponse } from '../../../request';
import { RegionFilterFields } from '../../service/shared/RegionFilterFields';
import { compact, useUrlListState } from '../../service/shared/url-list-state';
import { formatDay, formatMoney } from '../shared/trade-format';
import { DeclarationDrawer } from './components/DeclarationDrawer';
import { INTAKES_KEY, IntakeHistory } from './components/IntakeHistory';
import { TradeImportModal } from './components/TradeImportModal';

type Filters = {
  cityCode?: string;
  countyCode?: string;
  centreId?: string;
  enterpriseId?: string;
  year?: string;
  month?: string;
  direction?: string;
  tradeMode?: string;
  country?: string;
  hsChapter?: string;
  declarationNo?: string;
};
// The agreed drill-down parameters (shared with the trade monitoring's links), all read from the address.
const SPEC = {
  cityCode: 'one',
  countyCode: 'one',
  centreId: 'one',
  enterpriseId: 'one',
  year: 'one',
  month: 'one',
  direction: 'one',
  tradeMode: 'one',
  country: 'one',
  hsChapter: 'one',
  declarationNo: 'one',
} as const;
export const DECLARATIONS_KEY = ['trade', 'declarations'] as const;

/**
 * 报关单 (issue 13, Art. 5(十三)): the declarations in the caller's scope with the agreed filters read from the
 * address, a detail drawer with the lines, the upload of a declaration file and the intake history.
 */
export function TradeDeclarationsPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const fixed = useFixedColumn();
  const [form] = Form.useForm<Filters>();
  const list = useUrlListState<Filters>(SPEC);
  const [opened, setOpened] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [tab, setTab] = useState<'declarations' | 'intakes'>('declarations');
  const official = ['province', 'all', 'city'].includes(me.scope.kind);
  const ownOnly = me.user.role === 'enterprise';

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(list.filters);
  }, [list.search]);

  const declarations = useQuery({
    queryKey: [...DECLARATIONS_KEY, list.query],
    queryFn: () => api.get<ListResponse<TTradeDeclaration>>('/api/trade/declarations', list.query),
    placeholderData: (previous) => previous,
  });

  const years = useMemo(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 6 }, (_, i) => String(now - i));
  }, []);
  const countries = useMemo(
    () => countryList().map((c) => ({ value: c.code, label: `${c[locale]} ${c.code}` })),
    [locale],
  );

  const noCell = (no: string, d: TTradeDeclaration) => (
    <>
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        data-testid="trade-declaration-link"
        onClick={(ev) => {
          ev.stopPropagation();
          setOpened(d.id);
        }}
      >
        {no}
      </Button>
      <div>
        {phone && (
          <Tag color={d.direction === 'export' ? 'blue' : 'gold'} style={{ marginInlineEnd: 4 }}>
            {t(`trade.direction.${d.direction}`)}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDay(d.declaredOn, locale)}
        </Typography.Text>
      </div>
    </>
  );
  const cnyCell = (a: string, d: TTradeDeclaration) => (
    <>
      <div>{formatMoney(a, 'CNY', locale)}</div>
      {d.currency !== 'CNY' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatMoney(d.amount, d.currency, locale)}
        </Typography.Text>
      )}
      {phone && <div style={{ fontSize: 12 }}>{countryName(d.country, locale)}</div>}
    </>
  );
  // A phone shows two columns (number with direction and day; 元 with the original amount and the country); a wide
  // screen shows the rest too, within what 1440 px gives the table beside the menu.
  const columns: TableColumnsType<TTradeDeclaration> = phone
    ? [
        { title: t('trade.field.declarationNo'), dataIndex: 'declarationNo', width: 170, render: noCell },
        { title: t('trade.field.amountCny'), dataIndex: 'amountCny', width: 140, align: 'right', render: cnyCell },
      ]
    : [
        {
          title: t('trade.field.declarationNo'),
          dataIndex: 'declarationNo',
          width: 175,
          fixed: fixed('left'),
          render: noCell,
        },
        ...(ownOnly
          ? []
          : [
              {
                title: t('trade.field.enterprise'),
                dataIndex: 'enterpriseName',
                width: 210,
                render: (name: string, d: TTradeDeclaration) => (
                  <>
                    <div>{name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {official ? `${d.cityName} · ${d.countyName}` : d.countyName}
                    </Typography.Text>
                  </>
                ),
              },
            ]),
        {
          title: t('trade.field.direction'),
          dataIndex: 'direction',
          width: 70,
          render: (dir: TTradeDeclaration['direction']) => (
            <Tag color={dir === 'export' ? 'blue' : 'gold'}>{t(`trade.direction.${dir}`)}</Tag>
          ),
        },
        {
          title: t('trade.field.tradeMode'),
          dataIndex: 'tradeMode',
          width: 130,
          render: (m: string) => tradeModeLabel(m, locale),
        },
        {
          title: t('trade.field.country'),
          dataIndex: 'country',
          width: 100,
          render: (c: string) => countryName(c, locale),
        },
        { title: t('trade.field.amountCny'), dataIndex: 'amountCny', width: 150, align: 'right', render: cnyCell },
        {
          title: t('trade.field.amountUsd'),
          dataIndex: 'amountUsd',
          width: 125,
          align: 'right',
          render: (a: string) => formatMoney(a, 'USD', locale),
        },
        { title: t('trade.field.lineCount'), dataIndex: 'lineCount', width: 70, align: 'right' },
        {
          title: t('trade.field.source'),
          dataIndex: 'source',
          width: 90,
          render: (s: TTradeDeclaration['source']) => t(`trade.source.${s}`),
        },
      ];
  const width = columns.reduce((s, c) => s + Number(c.width ?? 0), 0);
  const drill = list.filters.centreId || list.filters.enterpriseId;

  const declarationsTab = (
    <>
      <FilterBar<Filters>
        form={form}
        onSearch={(values) =>
          list.applyFilters(
            compact({ ...values, centreId: list.filters.centreId, enterpriseId: list.filters.enterpriseId }),
          )
        }
        exportHref={exportUrl('/api/trade/declarations', list.query)}
        actions={
          can('trade.import') && (
            <Button
              type="primary"
              icon={<UploadOutlined />}
              data-testid="trade-upload"
              onClick={() => setImporting(true)}
            >
              {t('trade.upload.button')}
            </Button>
          )
        }
      >
        {official && <RegionFilterFields />}
        <Form.Item name="year" label={t('trade.field.year')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={years.map((y) => ({ value: y, label: y }))}
            data-testid="filter-year"
          />
        </Form.Item>
        <Form.Item
          name="month"
          label={t('trade.field.month')}
          rules={[{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '2026-03' }]}
        >
          <Input allowClear placeholder="2026-03" style={{ width: 110 }} data-testid="filter-month" />
        </Form.Item>
        <Form.Item name="direction" label={t('trade.field.direction')}>
          <Select
            allowClear
            style={{ width: 90 }}
            options={(['export', 'import'] as const).map((d) => ({ value: d, label: t(`trade.direction.${d}`) }))}
            data-testid="filter-direction"
          />
        </Form.Item>
        <Form.Item name="tradeMode" label={t('trade.field.tradeMode')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 170 }}
            options={TRADE_MODES.map((m) => ({ value: m.code, label: `${m.code} ${m[locale]}` }))}
          />
        </Form.Item>
        <Form.Item name="country" label={t('trade.field.country')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 150 }} options={countries} />
        </Form.Item>
        <Form.Item name="hsChapter" label={t('trade.field.hsChapter')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            options={Object.keys(HS_CHAPTERS).map((c) => ({ value: c, label: hsChapterLabel(c, locale) }))}
          />
        </Form.Item>
        <Form.Item
          name="declarationNo"
          label={t('trade.field.declarationNo')}
          rules={[{ pattern: /^\d{1,18}$/, message: t('trade.filter.declarationNo') }]}
        >
          <Input
            allowClear
            placeholder={t('trade.filter.declarationNo')}
            style={{ width: 200 }}
            data-testid="filter-declaration-no"
          />
        </Form.Item>
      </FilterBar>
      {drill && (
        <Space style={{ marginBottom: 12 }}>
          {list.filters.centreId && <Tag color="blue">{t('trade.filter.centre')}</Tag>}
          {list.filters.enterpriseId && <Tag color="blue">{t('trade.filter.enterprise')}</Tag>}
          <Button
            size="small"
            type="link"
            onClick={() => list.applyFilters({ ...list.filters, centreId: undefined, enterpriseId: undefined })}
          >
            {t('trade.filter.clear')}
          </Button>
        </Space>
      )}
      <Table<TTradeDeclaration>
        rowKey="id"
        size="middle"
        data-testid="trade-declaration-table"
        loading={declarations.isFetching}
        columns={columns}
        dataSource={declarations.data?.items}
        pagination={list.pagination(declarations.data)}
        onChange={list.onTableChange}
        onRow={(d) =>
          ({
            'data-testid': 'trade-declaration-row',
            style: { cursor: 'pointer' },
            onClick: () => setOpened(d.id),
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: width }}
      />
    </>
  );

  return (
    <Card title={t('trade.declarations.title')}>
      <Typography.Paragraph type="secondary">{t('trade.declarations.basis')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as typeof tab)}
        items={[
          {
            key: 'declarations',
            label: <span data-testid="tab-declarations">{t('trade.tab.declarations')}</span>,
            children: declarationsTab,
          },
          {
            key: 'intakes',
            label: <span data-testid="tab-intakes">{t('trade.tab.intakes')}</span>,
            children: <IntakeHistory />,
          },
        ]}
      />
      <DeclarationDrawer id={opened} onClose={() => setOpened(null)} />
      <TradeImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: DECLARATIONS_KEY });
          void queryClient.invalidateQueries({ queryKey: INTAKES_KEY });
        }}
      />
    </Card>
  );
}
