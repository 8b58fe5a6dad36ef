import { PrinterOutlined } from '@ant-design/icons';
import { Card, Space, Table, type TableColumnsType } from 'antd';
import type { TAssessmentResult } from '../../../../contracts/assessment-results';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { ConsequenceTable } from './ConsequenceTable';
import { GradeTag } from './GradeTag';
import { resultSheetUrl, useConsequences, useResults } from './results-api';

/** The print link of a centre's result sheet for a year. */
export function ResultSheetLink({ centreId, year }: { centreId: number; year: number }) {
  const { t } = useLocale();
  return (
    <a href={resultSheetUrl(centreId, year)} target="_blank" rel="noopener" data-testid="result-sheet">
      <PrinterOutlined /> {t('assessment.result.sheet')}
    </a>
  );
}

/**
 * 年度考核评估 of one centre (Art. 12(三)): each published year with its grade and total and the result sheet, and
 * what the grades set off. Only results in the caller's scope come back; nothing shows when there are none.
 */
export function CentreResultsCard({ centreId }: { centreId: number }) {
  const { t, locale } = useLocale();
  const results = useResults({ centreId, pageSize: 20 });
  const consequences = useConsequences({ centreId, pageSize: 50 });
  const items = results.data?.items ?? [];
  const effects = consequences.data?.items ?? [];
  if (results.isSuccess && items.length === 0 && effects.length === 0) return null;
  const columns: TableColumnsType<TAssessmentResult> = [
    { title: t('assessment.result.year'), dataIndex: 'year', width: 70 },
    {
      title: t('assessment.result.grade'),
      dataIndex: 'grade',
      width: 80,
      render: (g: TAssessmentResult['grade']) => <GradeTag grade={g} />,
    },
    { title: t('assessment.result.total'), dataIndex: 'total', width: 80, align: 'right' },
    { title: t('assessment.result.operator'), dataIndex: 'operatorName', render: (n: string | null) => n ?? '—' },
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
  return (
    <Card title={t('assessment.result.card')} size="small" data-testid="centre-results">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<TAssessmentResult>
          rowKey="year"
          size="small"
          loading={results.isPending}
          columns={columns}
          dataSource={items}
          pagination={false}
          onRow={rowTestId('centre-result')}
          locale={{ emptyText: t('assessment.result.none') }}
          scroll={{ x: 620 }}
        />
        {effects.length > 0 && <ConsequenceTable items={effects} />}
      </Space>
    </Card>
  );
}
