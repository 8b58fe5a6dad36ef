import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Grid, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TAssignRequest, TEvaluationItem, TPublishResponse } from '../../../../contracts/assessment-evaluation';
import { useMe } from '../../../access';
import { PageSpinner } from '../../../components/PageResults';
import { useLocale } from '../../../i18n';
import { api } from '../../../request';
import { EVALUATION_KEY, useAgencies, useEvaluationCycles, useEvaluations } from '../shared/evaluation-api';
import { DueDate, GradeTag, points, StatusTag } from '../shared/labels';
import { AgenciesCard } from './AgenciesCard';

const ASSIGNABLE = new Set(['passed', 'assigned']);

/**
 * 第三方评估与结果公布 (Art. 12(二)(3), 12(三)). The province picks a year, assigns the submissions the cities passed
 * to an agency, opens each scored one to review it, and publishes; the evaluator sees the same list narrowed to what
 * its agency is assigned, with the deadline.
 */
export function EvaluationBoardPage() {
  const { t } = useLocale();
  const me = useMe();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const province = me.user.role === 'province';
  const cycles = useEvaluationCycles();
  const [cycleId, setCycleId] = useState<number>();
  useEffect(() => {
    if (cycleId === undefined && cycles.data?.items[0]) setCycleId(cycles.data.items[0].id);
  }, [cycles.data, cycleId]);
  const cycle = cycles.data?.items.find((c) => c.id === cycleId);
  const list = useEvaluations(cycleId);
  const agencies = useAgencies(province);
  const [selected, setSelected] = useState<number[]>([]);
  const [agencyId, setAgencyId] = useState<number>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: EVALUATION_KEY });

  const assign = useMutation({
    mutationFn: (body: TAssignRequest) =>
      api.post<{ assigned: number[] }>(`/api/assessment/cycles/${cycleId}/assignments`, body),
    onSuccess: (r) => {
      message.success(t('evaluation.board.assigned', { count: r.assigned.length }));
      setSelected([]);
      void refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => api.post<TPublishResponse>(`/api/assessment/cycles/${cycleId}/publish`),
    onSuccess: (r) => {
      message.success(
        t('evaluation.board.published', { year: r.year, count: r.published, notAssessed: r.notAssessed.length }),
      );
      void refresh();
    },
  });

  const phone = Grid.useBreakpoint().sm === false;
  const columns = useMemo(
    () => [
      {
        title: t('evaluation.col.centre'),
        key: 'centre',
        onCell: () => ({ style: { minWidth: 150 } }),
        render: (_: unknown, r: TEvaluationItem) => (
          <Space orientation="vertical" size={0}>
            <Link to={`/assessment/submissions/${r.submissionId}/evaluation`}>{r.centreName}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${r.cityName} ${r.countyName}`}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: t('evaluation.col.status'),
        key: 'status',
        render: (_: unknown, r: TEvaluationItem) =>
          ['draft', 'submitted', 'returned'].includes(r.status) && r.cycle.status === 'published' ? (
            t('evaluation.board.notAssessed')
          ) : (
            <Space orientation="vertical" size={4}>
              <StatusTag status={r.status} />
              {/* On a phone the grade goes under the status: its own column would not fit beside the centre. */}
              {phone && r.grade && <GradeTag grade={r.grade} />}
            </Space>
          ),
      },
      {
        title: t('evaluation.col.agency'),
        key: 'agency',
        responsive: ['md' as const],
        render: (_: unknown, r: TEvaluationItem) => r.agencyName ?? '—',
      },
      {
        title: t('evaluation.col.due'),
        key: 'due',
        responsive: ['lg' as const],
        render: (_: unknown, r: TEvaluationItem) =>
          r.status === 'assigned' || r.status === 'sent_back' ? <DueDate day={r.cycle.evaluationDue} /> : '—',
      },
      {
        title: t('evaluation.col.total'),
        key: 'total',
        align: 'right' as const,
        responsive: ['sm' as const],
        render: (_: unknown, r: TEvaluationItem) => points(r.total),
      },
      {
        title: t('evaluation.col.grade'),
        key: 'grade',
        responsive: ['sm' as const],
        render: (_: unknown, r: TEvaluationItem) => <GradeTag grade={r.grade} />,
      },
    ],
    [t, phone],
  );

  if (cycles.isPending) return <PageSpinner />;
  const items = list.data?.items ?? [];
  const open = cycle?.status === 'open';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={province ? t('evaluation.board.title') : t('evaluation.board.evaluatorTitle')}
        data-testid="evaluation-board"
        extra={
          (cycles.data?.items.length ?? 0) > 0 && (
            <Select
              aria-label={t('evaluation.board.cycle')}
              value={cycleId}
              onChange={(v) => {
                setCycleId(v);
                setSelected([]);
              }}
              style={{ minWidth: 120 }}
              options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year}年度` }))}
            />
          )
        }
      >
        {!cycle ? (
          <Empty description={t('evaluation.board.noCycle')} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {province && <Alert type="info" showIcon title={t('evaluation.board.hint')} />}
            {province && open && (
              <Space wrap>
                <Select
                  aria-label={t('evaluation.board.assignTo')}
                  placeholder={t('evaluation.board.assignTo')}
                  value={agencyId}
                  onChange={setAgencyId}
                  style={{ minWidth: 220 }}
                  options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                />
                <Button
                  disabled={!agencyId || selected.length === 0}
                  loading={assign.isPending}
                  onClick={() => agencyId && assign.mutate({ agencyId, submissionIds: selected })}
                  data-testid="evaluation-assign"
                >
                  {t('evaluation.board.assign', { count: selected.length })}
                </Button>
                <Button
                  type="primary"
                  loading={publish.isPending}
                  data-testid="evaluation-publish"
                  onClick={() =>
                    modal.confirm({
                      title: t('evaluation.board.publish'),
                      content: t('evaluation.board.publishConfirm'),
                      onOk: () => publish.mutateAsync(),
                    })
                  }
                >
                  {t('evaluation.board.publish')}
                </Button>
              </Space>
            )}
            <Table<TEvaluationItem>
              size="small"
              rowKey="submissionId"
              loading={list.isFetching}
              dataSource={items}
              columns={columns}
              pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: province ? t('evaluation.board.empty') : t('evaluation.board.evaluatorEmpty') }}
              rowSelection={
                province && open
                  ? {
                      selectedRowKeys: selected,
                      onChange: (keys) => setSelected(keys as number[]),
                      getCheckboxProps: (r) => ({ disabled: !ASSIGNABLE.has(r.status) }),
                    }
                  : undefined
              }
              data-testid="evaluation-table"
            />
          </Space>
        )}
      </Card>
      {province && <AgenciesCard />}
    </Space>
  );
}
