import { ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Empty, Grid, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TAction } from '../../../../contracts/access';
import type { TFraudSignal, TFraudSignalsResponse, TSignalEvidence } from '../../../../contracts/assessment-signals';
import type { TLocale } from '../../../../contracts/common';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { api } from '../../../request';
import { errorMessage } from '../../../request-error';

type Column = TSignalEvidence['columns'][number];
type Row = TSignalEvidence['rows'][number];
type Cell = Row['cells'][string];

export function useSubmissionSignals(submissionId: number) {
  return useQuery({
    queryKey: ['assessment-signals', submissionId],
    queryFn: () => api.get<TFraudSignalsResponse>(`/api/assessment/submissions/${submissionId}/signals`),
  });
}

function cellText(cell: Cell | undefined, type: Column['type'], locale: TLocale): string {
  if (cell === null || cell === undefined) return '—';
  if (typeof cell === 'object') return cell[locale];
  if (type === 'number' && typeof cell === 'number') return formatNumber(cell, locale);
  if (type === 'date') return formatDate(String(cell), locale);
  if (type === 'datetime') return formatDateTime(String(cell));
  return String(cell);
}

function thresholdText(key: string, value: number, locale: TLocale): string {
  // Shares are kept as fractions; a reader expects a percentage.
  return key.endsWith('Share') ? `${formatNumber(value * 100, locale)}%` : formatNumber(value, locale);
}

/** The records behind one signal: a table on a wide screen, a list of cards on a phone (nothing clipped at 375 px). */
function Evidence({ signal, mayOpen }: { signal: TFraudSignal; mayOpen: boolean }) {
  const { t, locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const { columns, rows, total } = signal.evidence;
  const [head] = columns;
  const first = (row: Row): ReactNode => {
    const text = cellText(row.cells[head?.key ?? ''], head?.type ?? 'text', locale);
    return row.link && mayOpen ? <Link to={row.link}>{text}</Link> : text;
  };
  const count = (
    <Typography.Text type="secondary">
      {rows.length < total
        ? t('signals.evidenceCount', { total, shown: rows.length })
        : t('signals.evidenceAll', { total })}
    </Typography.Text>
  );
  if (phone)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {rows.map((row) => (
          <div
            key={JSON.stringify(row.cells)}
            style={{ border: '1px solid rgba(5, 5, 5, 0.06)', borderRadius: 6, padding: '8px 12px', minWidth: 0 }}
          >
            <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {first(row)}
              </Typography.Text>
              {columns.slice(1).map((c) => (
                <Typography.Text key={c.key} style={{ wordBreak: 'break-all' }}>
                  <Typography.Text type="secondary">{c.title[locale]}：</Typography.Text>
                  {cellText(row.cells[c.key], c.type, locale)}
                </Typography.Text>
              ))}
            </Space>
          </div>
        ))}
        {count}
      </Space>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(row) => JSON.stringify(row.cells)}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={columns.map((c, i) => ({
          key: c.key,
          title: c.title[locale],
          align: c.type === 'number' ? ('right' as const) : undefined,
          render: (_: unknown, row: Row) => (i === 0 ? first(row) : cellText(row.cells[c.key], c.type, locale)),
        }))}
      />
      {count}
    </Space>
  );
}

function SignalCard({ signal }: { signal: TFraudSignal }) {
  const { t, locale } = useLocale();
  const can = useCan();
  const mayOpen = signal.linkAction !== null && can(signal.linkAction as TAction);
  const warning = signal.severity === 'warning';
  const phone = Grid.useBreakpoint().md === false;
  const open =
    signal.link && mayOpen ? (
      <Link to={signal.link} style={{ whiteSpace: 'nowrap' }}>
        {t('signals.openList')}
      </Link>
    ) : null;
  return (
    <Card
      size="small"
      data-testid={`signal-${signal.kind}`}
      title={
        <Space wrap size={4} style={{ whiteSpace: 'normal' }}>
          <Tag
            color={warning ? 'orange' : 'blue'}
            icon={warning ? <ExclamationCircleOutlined /> : <InfoCircleOutlined />}
          >
            {t(warning ? 'signals.severity.warning' : 'signals.severity.notice')}
          </Tag>
          <span>{signal.title[locale]}</span>
        </Space>
      }
      extra={open && !phone ? open : null}
    >
      <Typography.Paragraph>{signal.explanation[locale]}</Typography.Paragraph>
      <Evidence signal={signal} mayOpen={mayOpen} />
      {/* On a phone the header has no room beside the title: the link goes under the records. */}
      {open && phone ? <div style={{ marginTop: 8 }}>{open}</div> : null}
    </Card>
  );
}

/**
 * 考核线索 of one submission (issue 14; Art. 13(三), 14), for the evaluator's and the province's evaluation pages:
 * each signal with the numbers behind it, its records and a link to them, and how the signals are found. They only
 * inform the evaluation — the page says so, and nothing here changes a score.
 */
export function FraudSignals({ submissionId }: { submissionId: number }) {
  const { t, locale } = useLocale();
  const query = useSubmissionSignals(submissionId);
  const phone = Grid.useBreakpoint().md === false;
  const data = query.data;
  return (
    <Card
      title={t('signals.title')}
      extra={
        data ? (
          <Typography.Text type="secondary">
            {t('signals.period', { year: data.year, due: formatDate(data.submissionDue, locale) })}
          </Typography.Text>
        ) : null
      }
      data-testid="fraud-signals"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('signals.disclaimer')} description={t('signals.disclaimerDetail')} />
        {query.isPending ? <Skeleton active /> : null}
        {query.isError ? (
          <Alert type="error" title={t('signals.loadFailed')} description={errorMessage(query.error)} />
        ) : null}
        {data && data.signals.length === 0 ? <Empty description={t('signals.none')} /> : null}
        {data?.signals.map((s) => (
          <SignalCard key={s.kind} signal={s} />
        ))}
        {data ? (
          <Collapse
            size="small"
            items={[
              {
                key: 'how',
                label: t('signals.howJudged'),
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">{t('signals.howJudgedIntro')}</Typography.Text>
                    <Descriptions
                      size="small"
                      bordered
                      column={1}
                      layout={phone ? 'vertical' : 'horizontal'}
                      items={data.thresholds.map((x) => ({
                        key: x.key,
                        label: x.description[locale],
                        children: thresholdText(x.key, x.value, locale),
                      }))}
                    />
                    <Typography.Text strong>{t('signals.limits')}</Typography.Text>
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {data.limits.map((l) => (
                        <li key={l.en}>{l[locale]}</li>
                      ))}
                    </ul>
                  </Space>
                ),
              },
            ]}
          />
        ) : null}
      </Space>
    </Card>
  );
}
