import { useQuery } from '@tanstack/react-query';
import { Button, Grid, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TTradeIntake } from '../../../../../contracts/trade-intake';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { api, type ListResponse } from '../../../../request';
import { IssueTable } from '../../shared/IssueTable';

export const INTAKES_KEY = ['trade', 'intakes'] as const;

/** 报送记录: the caller's intakes and, for officials, their region's; a refused one opens its report. */
export function IntakeHistory() {
  const { t } = useLocale();
  const [page, setPage] = useState(1);
  const [report, setReport] = useState<TTradeIntake | null>(null);
  const phone = Grid.useBreakpoint().md === false;
  const intakes = useQuery({
    queryKey: [...INTAKES_KEY, page],
    queryFn: () => api.get<ListResponse<TTradeIntake>>('/api/trade/intakes', { page, pageSize: 20 }),
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <Table<TTradeIntake>
        rowKey="id"
        size="middle"
        data-testid="trade-intake-table"
        loading={intakes.isFetching}
        dataSource={intakes.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: intakes.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('trade.intake.time'),
            dataIndex: 'createdAt',
            width: 150,
            render: (at: string) => formatDateTime(at),
          },
          { title: t('trade.intake.by'), dataIndex: 'userName', width: 140, render: (n: string | null) => n ?? '—' },
          {
            title: t('trade.intake.file'),
            key: 'file',
            width: phone ? 150 : 200,
            render: (_: unknown, i) => (
              <>
                <div style={{ wordBreak: 'break-all' }}>{i.fileName ?? t(`trade.intake.channel.${i.channel}`)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {phone ? `${formatDateTime(i.createdAt)} · ` : ''}
                  {t(`trade.source.${i.source}`)}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('trade.intake.status'),
            key: 'status',
            width: phone ? 160 : 260,
            render: (_: unknown, i) =>
              i.status === 'succeeded' ? (
                <Space wrap size={4}>
                  <Tag color="green">{t('trade.intake.succeeded')}</Tag>
                  {t('trade.intake.counts', { declarations: i.declarations, lines: i.lines, duplicates: i.duplicates })}
                </Space>
              ) : (
                <Space wrap size={4}>
                  <Tag color="red">{t('trade.intake.failed')}</Tag>
                  <Button size="small" type="link" onClick={() => setReport(i)} data-testid="trade-intake-report">
                    {t('trade.intake.issues', { n: i.issues.length })}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={report !== null}
        onCancel={() => setReport(null)}
        footer={null}
        width={760}
        title={`${t('trade.intake.report')} · ${report?.fileName ?? ''}`}
      >
        {report && <IssueTable issues={report.issues} />}
      </Modal>
    </>
  );
}
