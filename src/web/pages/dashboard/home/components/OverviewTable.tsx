import { useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { GRADE_NAMES, GRADES } from '../../../../../contracts/assessment';
import type { TRegionOverview, TRegionOverviewRow } from '../../../../../contracts/dashboard';
import { useLocale, useT } from '../../../../i18n';
import { formatFenWan } from '../../../../lib/format';
import { api } from '../../../../request';

const RED = { color: '#cf1322' };

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—';
}

/** A county's figures inside the province's table, fetched when the city is opened. */
function CityCounties({ cityCode }: { cityCode: string }) {
  const t = useT();
  const counties = useQuery({
    queryKey: ['dashboard', 'city', cityCode],
    queryFn: () => api.get<TRegionOverview>(`/api/dashboard/cities/${cityCode}`),
  });
  return (
    <div data-testid={`overview-counties-${cityCode}`}>
      <OverviewColumns
        overview={counties.data}
        loading={counties.isPending}
        level="county"
        caption={t('home.overview.cityTitle', { year: counties.data?.year ?? '' })}
      />
    </div>
  );
}

/** Art. 12(三): the centres of each grade in the latest published year, the grades that occur only ("优秀 2"). */
function GradeCounts({ grades }: { grades: TRegionOverviewRow['grades'] }) {
  const { locale } = useLocale();
  const shown = GRADES.filter((g) => grades[g] > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {shown.map((g, i) => (
        <span key={g}>
          {i > 0 && <br />}
          {`${GRADE_NAMES[g][locale]} ${grades[g]}`}
        </span>
      ))}
    </span>
  );
}

/** Art. 11: paid of due in the latest funding year, in 万元 ("12 / 27 万元"); — where nothing is due or paid. */
function FundsCell({ funds }: { funds: TRegionOverviewRow['funds'] }) {
  const { t, locale } = useLocale();
  if (funds.dueFen === 0 && funds.paidFen === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={t('home.overview.fundsHelp')}>
      <span>{`${formatFenWan(funds.paidFen, locale)} / ${formatFenWan(funds.dueFen, locale)}`}</span>
    </Tooltip>
  );
}

function useColumns(level: 'city' | 'county', region: (row: TRegionOverviewRow) => React.ReactNode) {
  const t = useT();
  const filter = level === 'city' ? 'cityCode' : 'countyCode';
  const columns: TableColumnsType<TRegionOverviewRow> = [
    { title: t('home.overview.region'), key: 'region', fixed: 'left', width: 120, render: (_, row) => region(row) },
    {
      title: t('home.overview.centres'),
      children: [
        { title: t('home.overview.recognised'), width: 76, align: 'right', render: (_, r) => r.centres.recognised },
        {
          title: t('home.overview.inApplication'),
          width: 76,
          align: 'right',
          render: (_, r) => r.centres.inApplication,
        },
        { title: t('home.overview.revoked'), width: 76, align: 'right', render: (_, r) => r.centres.revoked },
      ],
    },
    {
      title: t('home.overview.services'),
      children: [
        {
          title: t('home.overview.servicesYear'),
          width: 110,
          align: 'right',
          render: (_, r) => (r.code ? <Link to={`/services?${filter}=${r.code}`}>{r.services}</Link> : r.services),
        },
        {
          title: t('home.overview.ratingRate'),
          width: 80,
          align: 'right',
          render: (_, r) => percent(r.rated, r.completed),
        },
        {
          title: <Tooltip title={t('home.overview.goodRateHelp')}>{t('home.overview.goodRate')}</Tooltip>,
          width: 80,
          align: 'right',
          render: (_, r) => percent(r.good, r.rated),
        },
      ],
    },
    {
      title: t('home.overview.filings'),
      children: [
        { title: t('home.overview.filed'), width: 76, align: 'right', render: (_, r) => r.filings.filed },
        {
          title: t('home.overview.filingOverdue'),
          width: 76,
          align: 'right',
          render: (_, r) => <span style={r.filings.overdue > 0 ? RED : undefined}>{r.filings.overdue}</span>,
        },
        {
          title: t('home.overview.awaitingProvince'),
          width: 100,
          align: 'right',
          render: (_, r) => r.filings.awaitingProvince,
        },
      ],
    },
    // Art. 12 grades (the latest published year) and Art. 11 funds (the latest funding year).
    {
      title: <Tooltip title={t('home.overview.laterHelp')}>{t('home.overview.later')}</Tooltip>,
      children: [
        {
          title: t('home.overview.grade'),
          width: 84,
          align: 'center',
          render: (_, row) => <GradeCounts grades={row.grades} />,
        },
        {
          title: t('home.overview.funds'),
          width: 116,
          align: 'right',
          render: (_, row) => <FundsCell funds={row.funds} />,
        },
      ],
    },
  ];
  return columns;
}

function OverviewColumns({
  overview,
  loading,
  level,
  caption,
  drill,
}: {
  overview: TRegionOverview | undefined;
  loading?: boolean;
  level: 'city' | 'county';
  caption?: string;
  drill?: { open: string[]; toggle: (code: string) => void };
}) {
  const t = useT();
  const columns = useColumns(level, (row) =>
    drill ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        aria-expanded={drill.open.includes(row.code)}
        aria-label={t('home.overview.drill', { name: row.name })}
        data-testid={`overview-city-${row.code}`}
        onClick={() => drill.toggle(row.code)}
      >
        {row.name}
      </Button>
    ) : (
      row.name
    ),
  );
  return (
    <Table<TRegionOverviewRow>
      size="small"
      bordered
      rowKey="code"
      loading={loading}
      columns={columns}
      dataSource={overview?.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      title={caption ? () => <Typography.Text strong>{caption}</Typography.Text> : undefined}
      expandable={
        drill
          ? {
              expandedRowKeys: drill.open,
              showExpandColumn: false,
              expandedRowRender: (row) => <CityCounties cityCode={row.code} />,
            }
          : undefined
      }
      summary={() =>
        overview ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              {[
                t('home.overview.total'),
                overview.totals.centres.recognised,
                overview.totals.centres.inApplication,
                overview.totals.centres.revoked,
                overview.totals.services,
                percent(overview.totals.rated, overview.totals.completed),
                percent(overview.totals.good, overview.totals.rated),
                overview.totals.filings.filed,
                overview.totals.filings.overdue,
                overview.totals.filings.awaitingProvince,
                <GradeCounts key="grades" grades={overview.totals.grades} />,
                <FundsCell key="funds" funds={overview.totals.funds} />,
              ].map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the summary's cells are the columns, in their order.
                <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : i >= 10 ? 'center' : 'right'}>
                  <Typography.Text strong={i === 0}>{cell}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
      data-testid={`overview-table-${level}`}
    />
  );
}

/**
 * The province's overview by city (or a city's by county): centres by status, this year's services with rating rate
 * and 好评率, filings; the province opens a city to see its counties.
 */
export function OverviewTable({ overview, drillable }: { overview: TRegionOverview; drillable: boolean }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState<string[]>([]);
  const toggle = (code: string) =>
    setOpen((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));
  return (
    <Card
      title={t(drillable ? 'home.overview.title' : 'home.overview.cityTitle', { year: overview.year })}
      // On a phone the hint would crowd the title out; the names still read as links.
      extra={drillable && screens.md && <Typography.Text type="secondary">{t('home.overview.hint')}</Typography.Text>}
      data-testid="home-overview"
      styles={{ body: { padding: 0 } }}
    >
      <OverviewColumns
        overview={overview}
        level={drillable ? 'city' : 'county'}
        drill={drillable ? { open, toggle } : undefined}
      />
    </Card>
  );
}
