import { CloudDownloadOutlined, CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Grid,
  List,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { EXCHANGE_SYSTEMS, type TExchangeRun, type TExchangeSystem } from '../../../contracts/exchange';
import { useCan, useMe } from '../../access';
import { useLocale } from '../../i18n';
import { useFixedColumn } from '../../lib/fixed-columns';
import { formatDateTime } from '../../lib/format';
import { api, type ListResponse } from '../../request';
import { handleApiError } from '../../request-error';
import { CentreMonthModal } from './components/CentreMonthModal';
import { InboundModal, IssueTable } from './components/InboundModal';
import { RebatePackageModal } from './components/RebatePackageModal';
import { EXCHANGE_KEY, summaryText } from './exchange-api';

/**
 * 数据对接 (issue 13; Art. 5(一)(六)(十三)): take in a file from 单一窗口, 数智通 or 楚贸通, produce one for them, and
 * the log of every exchange in the caller's scope with its input and output to download and a re-run.
 */
export function ExchangePage() {
  const { t } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const fixed = useFixedColumn();
  const [system, setSystem] = useState<TExchangeSystem | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [inbound, setInbound] = useState<TExchangeSystem | null>(null);
  const [pkgOpen, setPkgOpen] = useState(false);
  const [monthOpen, setMonthOpen] = useState(false);
  const query = { system: system === 'all' ? undefined : system, ...page };
  const runs = useQuery({
    queryKey: [...EXCHANGE_KEY, 'runs', query],
    queryFn: () => api.get<ListResponse<TExchangeRun>>('/api/exchange/runs', query),
    placeholderData: (previous) => previous,
  });
  const rerun = useMutation({
    mutationFn: (id: number) => api.post<TExchangeRun>(`/api/exchange/runs/${id}/rerun`),
    onSuccess: (run) => message.success(`${t('exchange.rerunDone')}：${summaryText(t, run.summary)}`),
    onError: handleApiError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: EXCHANGE_KEY }),
  });
  const mayRun = can('exchange.run');
  // A centre's own staff need no centre line under each run: every run in their log is their centre's.
  const ownCentre = useMe().scope.kind === 'operator';
  const phone = !Grid.useBreakpoint().md;

  const columns: TableColumnsType<TExchangeRun> = [
    {
      title: t('exchange.field.time'),
      dataIndex: 'createdAt',
      width: 150,
      fixed: fixed('left'),
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('exchange.field.kind'),
      dataIndex: 'kind',
      width: 220,
      render: (_: unknown, r) => (
        <>
          <div>
            <Tag color={r.direction === 'inbound' ? 'blue' : 'purple'}>{t(`exchange.direction.${r.direction}`)}</Tag>
            {t(`exchange.system.${r.system}`)} · {t(`exchange.kind.${r.kind}`)}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            v{r.formatVersion}
            {r.rerunOf ? ` · ${t('exchange.rerunOf', { id: r.rerunOf })}` : ''}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('exchange.field.result'),
      dataIndex: 'status',
      width: 300,
      render: (status: TExchangeRun['status'], r) => (
        <>
          <Tag color={status === 'succeeded' ? 'success' : 'error'}>{t(`exchange.status.${status}`)}</Tag>
          <Typography.Text style={{ fontSize: 13 }}>
            {status === 'succeeded' ? summaryText(t, r.summary) : t('exchange.issues', { count: r.issues.length })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('exchange.field.actor'),
      dataIndex: 'actorName',
      width: 160,
      render: (name: string | null, r) => (
        <>
          <div>{name ?? t('exchange.platform')}</div>
          {r.centreName && !ownCentre && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.centreName}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, r) => actions(r),
    },
  ];

  function actions(r: TExchangeRun) {
    return (
      <Space size={0} wrap>
        {r.inputFileName && (
          <Button type="link" size="small" href={`/api/exchange/runs/${r.id}/input`} icon={<CloudDownloadOutlined />}>
            {t('exchange.action.downloadInput')}
          </Button>
        )}
        {r.outputFileName && (
          <Button type="link" size="small" href={`/api/exchange/runs/${r.id}/output`} icon={<CloudDownloadOutlined />}>
            {t('exchange.action.downloadOutput')}
          </Button>
        )}
        {mayRun && (
          <Popconfirm title={t('exchange.rerunConfirm')} onConfirm={() => rerun.mutate(r.id)}>
            <Button type="link" size="small" icon={<ReloadOutlined />} data-testid="exchange-rerun">
              {t('exchange.action.rerun')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  }

  const systemCard = (s: TExchangeSystem) => (
    <Col xs={24} md={8} key={s}>
      <Card
        size="small"
        title={t(`exchange.system.${s}`)}
        style={{ height: '100%' }}
        data-testid={`exchange-card-${s}`}
      >
        <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
          {t(`exchange.systemNote.${s}`)}
        </Typography.Paragraph>
        {mayRun && (
          <Space wrap>
            <Button icon={<CloudUploadOutlined />} onClick={() => setInbound(s)} data-testid={`exchange-inbound-${s}`}>
              {t('exchange.action.inbound')}
            </Button>
            {s === 'shuzhitong' && (
              <Button onClick={() => setPkgOpen(true)} data-testid="exchange-package">
                {t('exchange.action.package')}
              </Button>
            )}
            {s === 'chumaotong' && (
              <Button onClick={() => setMonthOpen(true)} data-testid="exchange-month">
                {t('exchange.action.month')}
              </Button>
            )}
          </Space>
        )}
      </Card>
    </Col>
  );

  return (
    <Card title={t('exchange.title')}>
      <Typography.Paragraph type="secondary">{t('exchange.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        {EXCHANGE_SYSTEMS.map(systemCard)}
      </Row>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('exchange.log')}
        </Typography.Title>
        <Segmented
          value={system}
          onChange={(v) => {
            setSystem(v as TExchangeSystem | 'all');
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('exchange.all') },
            ...EXCHANGE_SYSTEMS.map((s) => ({ value: s, label: t(`exchange.system.${s}`) })),
          ]}
        />
      </Space>
      {phone ? (
        <List<TExchangeRun>
          data-testid="exchange-runs"
          loading={runs.isFetching}
          dataSource={runs.data?.items}
          locale={{ emptyText: t('exchange.empty') }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: runs.data?.total,
            size: 'small',
            onChange: (p, size) => setPage({ page: p, pageSize: size }),
          }}
          renderItem={(r) => (
            <List.Item className="exchange-run" style={{ display: 'block' }}>
              <div>
                <Tag color={r.direction === 'inbound' ? 'blue' : 'purple'}>
                  {t(`exchange.direction.${r.direction}`)}
                </Tag>
                {t(`exchange.system.${r.system}`)} · {t(`exchange.kind.${r.kind}`)}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(r.createdAt)} · {r.actorName ?? t('exchange.platform')}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                <Tag color={r.status === 'succeeded' ? 'success' : 'error'}>{t(`exchange.status.${r.status}`)}</Tag>
                {r.status === 'succeeded'
                  ? summaryText(t, r.summary)
                  : t('exchange.issues', { count: r.issues.length })}
              </div>
              {r.issues.length > 0 && (
                <ul style={{ paddingInlineStart: 18, margin: '4px 0' }}>
                  {r.issues.slice(0, 5).map((i) => (
                    <li key={`${i.where}-${i.reason}`} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                      <code>{i.where}</code>：{i.reason}
                    </li>
                  ))}
                </ul>
              )}
              {actions(r)}
            </List.Item>
          )}
        />
      ) : (
        <Table<TExchangeRun>
          rowKey="id"
          size="middle"
          data-testid="exchange-runs"
          loading={runs.isFetching}
          columns={columns}
          dataSource={runs.data?.items}
          locale={{ emptyText: t('exchange.empty') }}
          expandable={{
            rowExpandable: (r) => r.issues.length > 0,
            expandedRowRender: (r) => <IssueTable issues={r.issues} />,
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: runs.data?.total,
            onChange: (p, size) => setPage({ page: p, pageSize: size }),
          }}
          scroll={{ x: 1060 }}
        />
      )}
      <InboundModal system={inbound} onClose={() => setInbound(null)} />
      <RebatePackageModal open={pkgOpen} onClose={() => setPkgOpen(false)} />
      <CentreMonthModal open={monthOpen} onClose={() => setMonthOpen(false)} />
    </Card>
  );
}
