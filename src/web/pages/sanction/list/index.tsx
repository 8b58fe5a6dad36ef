import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TSanctionKind, TSanctionListItem } from '../../../../contracts/sanction';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { exportUrl } from '../../../request';
import { GroundList } from '../shared/GroundList';
import { SanctionKindTag } from '../shared/SanctionKindTag';
import { formatFen, useSanctions } from '../shared/sanction-api';
import { DecideSanctionModal } from './DecideSanctionModal';

const PAGE_SIZE = 20;

/**
 * 处理决定 (Art. 13, 14, 12(三)(2)): every decision on an operator, newest first, with its letter, grounds and
 * effects; the province makes a new one here.
 */
export function SanctionListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const fixed = useFixedColumn();
  const wide = Grid.useBreakpoint().md !== false;
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as TSanctionKind | null) ?? undefined;
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState(false);
  const query = { kind, page, pageSize: PAGE_SIZE };
  const list = useSanctions(query);

  const columns: TableColumnsType<TSanctionListItem> = [
    {
      title: t('sanction.operator'),
      dataIndex: 'operatorName',
      fixed: fixed('left'),
      width: wide ? 260 : 170,
      render: (_v, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/sanctions/${r.id}`} data-testid="sanction-link">
            {r.operatorName}
          </Link>
          {!wide && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.letterNumber} · {formatDate(r.decidedOn, locale)}
            </Typography.Text>
          )}
          {!wide && <SanctionKindTag kind={r.kind} />}
        </Space>
      ),
    },
    ...(wide
      ? ([
          {
            title: t('sanction.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: TSanctionKind) => <SanctionKindTag kind={k} />,
          },
          { title: t('sanction.letterNumber'), dataIndex: 'letterNumber', width: 200 },
          {
            title: t('sanction.decidedOn'),
            dataIndex: 'decidedOn',
            width: 140,
            render: (d: string) => formatDate(d, locale),
          },
        ] as TableColumnsType<TSanctionListItem>)
      : []),
    {
      title: t('sanction.grounds'),
      dataIndex: 'grounds',
      width: wide ? 160 : 100,
      render: (_v, r) => <GroundList grounds={r.grounds} />,
    },
    ...(wide
      ? ([
          { title: t('sanction.engagementsEnded'), dataIndex: 'engagementsEnded', width: 100, align: 'right' },
          {
            title: t('sanction.toRecover'),
            dataIndex: 'recoveryTotalFen',
            width: 140,
            align: 'right',
            render: (fen: number) => (fen ? formatFen(fen, locale) : '—'),
          },
        ] as TableColumnsType<TSanctionListItem>)
      : []),
  ];

  return (
    <Card
      title={t('sanction.title')}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={exportUrl('/api/sanctions', query)} aria-label={t('common.export')}>
            {wide ? t('common.export') : null}
          </Button>
          {can('sanction.decide') && (
            <Button
              type="primary"
              danger
              icon={<PlusOutlined />}
              onClick={() => setDeciding(true)}
              data-testid="sanction-new"
            >
              {t('sanction.decide')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('sanction.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 180 }}
          aria-label={t('sanction.kind')}
          value={kind ?? ''}
          onChange={(v) => {
            setPage(1);
            setParams(v ? { kind: v } : {});
          }}
          options={[
            { value: '', label: t('sanction.allKinds') },
            { value: 'disqualification', label: t('sanction.kind.disqualification') },
            { value: 'blacklist', label: t('sanction.kind.blacklist') },
          ]}
          data-testid="sanction-kind-filter"
        />
      </Space>
      <Table<TSanctionListItem>
        rowKey="id"
        data-testid="sanction-table"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={rowTestId('sanction-row')}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('sanction.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <DecideSanctionModal open={deciding} onClose={() => setDeciding(false)} />
    </Card>
  );
}
