import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TAssessmentResult } from '../../../../contracts/assessment-results';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { exportUrl } from '../../../request';
import { ResultSheetLink } from '../shared/CentreResultsCard';
import { ConsequenceTable } from '../shared/ConsequenceTable';
import { GradeTag } from '../shared/GradeTag';
import { useConsequences, useGradeDistribution, useResults } from '../shared/results-api';

const PAGE_SIZE = 50;

/**
 * 考核评估结果 (Art. 12(三)): the published grades of one year in the caller's scope — the province all of Hubei, a
 * city its own — with each centre's result sheet, the year's .xlsx, and what the grades set off (the province
 * confirms a due cancellation here).
 */
export function AssessmentResultsPage() {
  const { t, locale } = useLocale();
  const fixed = useFixedColumn();
  // On a phone the grade and total go under the centre's name, so that nothing the reader came for is off-screen.
  const wide = Grid.useBreakpoint().md !== false;
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const asked = Number(params.get('year')) || undefined;
  // The years with results in scope, and the latest as the default.
  const dist = useGradeDistribution(undefined);
  const year = asked ?? dist.data?.year ?? undefined;
  const results = useResults({ year, page, pageSize: PAGE_SIZE }, year !== undefined);
  const consequences = useConsequences({ year, pageSize: 100 }, year !== undefined);

  const columns: TableColumnsType<TAssessmentResult> = [
    {
      title: t('assessment.result.centre'),
      dataIndex: 'centreName',
      width: 260,
      fixed: fixed('left'),
      render: (name: string, r) => (
        <>
          <Link to={`/centres/${r.centreId}`}>{name}</Link>
          {!wide && (
            <div style={{ marginTop: 4 }}>
              <GradeTag grade={r.grade} /> {r.total} · {r.cityName}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('assessment.result.city'),
      key: 'region',
      width: 150,
      render: (_, r) => `${r.cityName} · ${r.countyName}`,
    },
    { title: t('assessment.result.operator'), dataIndex: 'operatorName', width: 240, render: (n) => n ?? '—' },
    { title: t('assessment.result.total'), dataIndex: 'total', width: 80, align: 'right' },
    {
      title: t('assessment.result.grade'),
      dataIndex: 'grade',
      width: 80,
      render: (g: TAssessmentResult['grade']) => <GradeTag grade={g} />,
    },
    {
      title: t('assessment.result.published'),
      dataIndex: 'publishedAt',
      width: 130,
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('common.actions'),
      key: 'sheet',
      width: 90,
      render: (_, r) => <ResultSheetLink centreId={r.centreId} year={r.year} />,
    },
  ];

  const shown = wide
    ? columns
    : columns.filter((c) => c.key === 'sheet' || ('dataIndex' in c && c.dataIndex === 'centreName'));
  const controls = (
    <Space wrap size={8}>
      <Select
        value={year}
        placeholder={t('assessment.results.yearLabel')}
        aria-label={t('assessment.results.yearLabel')}
        style={{ width: 110 }}
        options={(dist.data?.years ?? []).map((y) => ({ value: y, label: locale === 'en' ? `${y}` : `${y}年度` }))}
        onChange={(y: number) => {
          setPage(1);
          setParams({ year: String(y) });
        }}
        data-testid="results-year"
      />
      <Button
        icon={<DownloadOutlined />}
        href={year ? exportUrl('/api/assessment/results', { year }) : undefined}
        disabled={!year}
        data-testid="results-export"
      >
        {t('assessment.results.export')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="assessment-results">
      <Card title={t('assessment.results.title')} extra={wide ? controls : undefined}>
        {!wide && <div style={{ marginBottom: 12 }}>{controls}</div>}
        <Table<TAssessmentResult>
          data-testid="results-table"
          rowKey={(r) => `${r.centreId}-${r.year}`}
          size="small"
          loading={dist.isPending || (year !== undefined && results.isPending)}
          columns={shown}
          dataSource={results.data?.items ?? []}
          onRow={rowTestId('result-row')}
          locale={{ emptyText: t('assessment.results.none') }}
          scroll={wide ? { x: 1030 } : undefined}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: results.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </Card>
      <Card title={t('assessment.consequence.title')} size="small">
        <ConsequenceTable items={consequences.data?.items ?? []} loading={consequences.isFetching} showCentre />
      </Card>
    </Space>
  );
}
