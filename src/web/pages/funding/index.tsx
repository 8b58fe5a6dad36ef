import { CalculatorOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Grid,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TEntitlement } from '../../../contracts/funding';
import type { TFundingFiguresLine } from '../../../contracts/funding-entitlement';
import { useCan, useMe } from '../../access';
import { useLocale } from '../../i18n';
import { useFixedColumn } from '../../lib/fixed-columns';
import { formatFen, formatFenWan, todayInBeijing } from '../../lib/format';
import { rowTestId } from '../../lib/list-state';
import { exportUrl } from '../../request';
import { errorMessage } from '../../request-error';
import { EntitlementDrawer, EntitlementStatusTag } from './shared/EntitlementDrawer';
import { useComputeEntitlements, useEntitlements, useFundingFigures } from './shared/funding-api';
import { MatchingFundsCard } from './shared/MatchingFundsCard';

const PAGE_SIZE = 20;
const SUMS = ['dueFen', 'paidFen', 'withheldFen', 'toRecoverFen', 'recoveredFen'] as const;
const SUM_LABELS = {
  dueFen: 'funding.due',
  paidFen: 'funding.paid',
  withheldFen: 'funding.withheld',
  toRecoverFen: 'funding.toRecover',
  recoveredFen: 'funding.recovered',
} as const;

/**
 * 资金支持 (Art. 11, 12(三), 10(六)): for officials the year's five sums — due, paid, withheld, to recover, recovered —
 * by city (the province) or by centre (a city, a county, a park), from the funding figures; a row drills to its
 * entitlements, each with how it was computed. The province computes a year; cities and counties record their
 * matching funds. An operator sees its own entitlements.
 */
export function FundingPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const me = useMe();
  const fixed = useFixedColumn();
  const wide = Grid.useBreakpoint().md !== false;
  const official = me.user.role !== 'operator';
  const [year, setYear] = useState<number | undefined>(undefined);
  const [drill, setDrill] = useState<{ cityCode?: string; centreId?: number; name: string } | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<TEntitlement | null>(null);
  const [computing, setComputing] = useState(false);
  const figures = useFundingFigures(year, official);
  const shownYear = official ? (year ?? figures.data?.year ?? undefined) : year;
  const entitlements = useEntitlements(
    { year: shownYear, cityCode: drill?.cityCode, centreId: drill?.centreId, page, pageSize: PAGE_SIZE },
    !official || !figures.isPending,
  );
  const f = figures.data;

  const money = (fen: number) => formatFenWan(fen, locale);
  const figureColumns: TableColumnsType<TFundingFiguresLine> = [
    {
      title: f?.groupBy === 'city' ? t('funding.figures.city') : t('funding.figures.centre'),
      dataIndex: 'name',
      width: wide ? 240 : 150,
      fixed: fixed('left'),
      render: (name: string, r) => (
        <>
          <Typography.Link>{name}</Typography.Link>
          {!wide && (
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>
              {t('funding.withheld')} {money(r.withheldFen)} · {t('funding.toRecover')} {money(r.toRecoverFen)}
            </div>
          )}
        </>
      ),
    },
    ...SUMS.filter((k) => wide || k === 'dueFen' || k === 'paidFen').map((k) => ({
      title: t(SUM_LABELS[k]),
      dataIndex: k,
      width: wide ? 130 : 100,
      align: 'right' as const,
      render: (fen: number) => money(fen),
    })),
  ];

  const entitlementColumns: TableColumnsType<TEntitlement> = [
    {
      title: t('funding.entitlement.centre'),
      dataIndex: 'centreName',
      width: 240,
      fixed: fixed('left'),
      render: (name: string, r) => (
        <>
          <Typography.Link data-testid="entitlement-open">{name}</Typography.Link>
          {!wide && (
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>
              {r.operatorName} · {r.year}
            </div>
          )}
        </>
      ),
    },
    { title: t('funding.year'), dataIndex: 'year', width: 70 },
    { title: t('funding.entitlement.operator'), dataIndex: 'operatorName', width: 220 },
    {
      title: t('funding.entitlement.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: TEntitlement['status']) => <EntitlementStatusTag status={s} />,
    },
    {
      title: t('funding.due'),
      dataIndex: 'amountFen',
      width: 140,
      align: 'right',
      render: (fen: number, r) => (
        <>
          {formatFen(fen, locale)}
          {!wide && (
            <div>
              <EntitlementStatusTag status={r.status} />
            </div>
          )}
        </>
      ),
    },
    {
      title: t('funding.withheld'),
      dataIndex: 'withheldFen',
      width: 130,
      align: 'right',
      render: (fen: number) => formatFen(fen, locale),
    },
    {
      title: t('funding.paid'),
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (fen: number) => formatFen(fen, locale),
    },
  ];
  const shownEntitlementColumns = wide
    ? entitlementColumns
    : entitlementColumns.filter(
        (c) => 'dataIndex' in c && (c.dataIndex === 'centreName' || c.dataIndex === 'amountFen'),
      );

  const yearOptions = (f?.years ?? []).map((y) => ({ value: y, label: t('funding.yearOption', { year: y }) }));
  const controls = (
    <Space wrap size={8}>
      {yearOptions.length > 0 && (
        <Select
          value={shownYear}
          aria-label={t('funding.year')}
          style={{ width: 110 }}
          options={yearOptions}
          onChange={(y: number) => {
            setYear(y);
            setDrill(null);
            setPage(1);
          }}
          data-testid="funding-year"
        />
      )}
      <Button
        icon={<DownloadOutlined />}
        href={shownYear ? exportUrl('/api/funding/figures', { year: shownYear }) : undefined}
        disabled={!shownYear}
        data-testid="funding-export"
      >
        {t('funding.export')}
      </Button>
      {can('funding.compute') && (
        <Button
          type="primary"
          icon={<CalculatorOutlined />}
          onClick={() => setComputing(true)}
          data-testid="funding-compute"
        >
          {t('funding.compute')}
        </Button>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="funding-page">
      {official && (
        <Card
          title={
            shownYear
              ? `${t('funding.figures.title')} · ${t('funding.figures.ofYear', { year: shownYear })}`
              : t('funding.figures.title')
          }
          extra={wide ? controls : undefined}
        >
          {!wide && <div style={{ marginBottom: 12 }}>{controls}</div>}
          <Table<TFundingFiguresLine>
            data-testid="funding-figures"
            rowKey="key"
            size="small"
            loading={figures.isPending}
            columns={figureColumns}
            dataSource={f?.lines ?? []}
            onRow={(r) => ({
              onClick: () => {
                setPage(1);
                setDrill(
                  r.centreId === null ? { cityCode: r.cityCode, name: r.name } : { centreId: r.centreId, name: r.name },
                );
              },
              style: { cursor: 'pointer' },
              'data-testid': 'funding-figure-row',
            })}
            locale={{ emptyText: t('funding.figures.none') }}
            scroll={wide ? { x: 900 } : undefined}
            pagination={false}
            summary={() =>
              f && f.lines.length > 0 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('funding.figures.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {SUMS.filter((k) => wide || k === 'dueFen' || k === 'paidFen').map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      <Typography.Text strong data-testid={`funding-total-${k}`}>
                        {money(f.total[k])}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          {f && f.lines.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('funding.figures.hint')}
            </Typography.Text>
          )}
        </Card>
      )}
      <Card
        title={t('funding.entitlements.title')}
        extra={
          drill ? (
            <Space size={8} wrap>
              <Typography.Text type="secondary">
                {t('funding.entitlements.filtered', { name: drill.name })}
              </Typography.Text>
              <Button size="small" onClick={() => setDrill(null)} data-testid="funding-drill-clear">
                {t('funding.entitlements.clear')}
              </Button>
            </Space>
          ) : official && shownYear ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={exportUrl('/api/funding/entitlements', { year: shownYear })}
            >
              {t('funding.export')}
            </Button>
          ) : null
        }
      >
        <Table<TEntitlement>
          data-testid="entitlements-table"
          rowKey="id"
          size="small"
          loading={entitlements.isPending}
          columns={shownEntitlementColumns}
          dataSource={entitlements.data?.items ?? []}
          onRow={(r) => ({
            ...rowTestId('entitlement-row')(),
            onClick: () => setOpen(r),
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: t('funding.entitlements.none') }}
          scroll={wide ? { x: 1040 } : undefined}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: entitlements.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </Card>
      <MatchingFundsCard year={shownYear} />
      <EntitlementDrawer entitlement={open} onClose={() => setOpen(null)} />
      {computing && <ComputeModal defaultYear={shownYear} onClose={() => setComputing(false)} />}
    </Space>
  );
}

/** The province computes (or brings up to date) a year's entitlements; what it did is said afterwards. */
function ComputeModal({ defaultYear, onClose }: { defaultYear: number | undefined; onClose: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const thisYear = Number(todayInBeijing().slice(0, 4));
  const [year, setYear] = useState<number>(defaultYear ?? thisYear);
  const compute = useComputeEntitlements();
  return (
    <Modal
      open
      title={t('funding.compute.title')}
      onCancel={onClose}
      okText={t('funding.compute')}
      onOk={() =>
        compute.mutate(year, {
          onSuccess: (r) => {
            message.success(
              t('funding.compute.done', {
                year: r.year,
                created: r.created,
                changed: r.changed,
                unchanged: r.unchanged,
              }),
            );
            if (r.overpaid.length > 0) message.warning(t('funding.compute.overpaid', { count: r.overpaid.length }));
            onClose();
          },
        })
      }
      okButtonProps={{ loading: compute.isPending, 'data-testid': 'funding-compute-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('funding.compute.text')}</Typography.Paragraph>
      {compute.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(compute.error)} />
      )}
      <Space>
        <Typography.Text>{t('funding.year')}</Typography.Text>
        <InputNumber
          min={2000}
          max={thisYear}
          precision={0}
          value={year}
          onChange={(v) => v && setYear(v)}
          data-testid="funding-compute-year"
        />
      </Space>
    </Modal>
  );
}
