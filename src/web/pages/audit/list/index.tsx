import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Grid, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TRole } from '../../../../contracts/access';
import type { TAuditEntry, TAuditVerifyResponse } from '../../../../contracts/audit';
import { useCan } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { keysWithPrefix, useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { rowTestId, useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { AuditEntryDetail } from './components/AuditEntryDetail';
import { VerifyChainButton, VerifyChainResult } from './components/VerifyChain';

type AuditFilters = { action?: string; objectType?: string; objectId?: string; from?: string; to?: string };
interface AuditFilterForm {
  action?: string;
  objectType?: string;
  objectId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

// Every action and object type that has a label (the server's ZAuditAction list) is offered as a filter.
const ACTIONS = keysWithPrefix('audit.action.');
const OBJECT_TYPES = keysWithPrefix('audit.objectType.');

/** A name over a quieter line that says what it is. */
function TwoLines({ primary, secondary }: { primary: string; secondary: string | null }) {
  return (
    <>
      <div>{primary}</div>
      {secondary && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {secondary}
        </Typography.Text>
      )}
    </>
  );
}

/** 操作日志: the append-only, hash-chained record of every change (SPEC §2; 等保 2.0 安全审计). */
export function AuditListPage() {
  const { t, labelOr } = useLocale();
  const can = useCan();
  const [form] = Form.useForm<AuditFilterForm>();
  const list = useListState<AuditFilters>({}, '-seq', 50);
  const [verified, setVerified] = useState<TAuditVerifyResponse | null>(null);
  const wide = Grid.useBreakpoint().md ?? true;
  const entries = useQuery({
    queryKey: ['audit', 'list', list.query],
    queryFn: () => api.get<ListResponse<TAuditEntry>>('/api/audit', list.query),
    placeholderData: (previous) => previous,
  });

  const actorCell = (e: TAuditEntry) =>
    e.actorDisplayName ? (
      <TwoLines primary={e.actorDisplayName} secondary={e.actorName} />
    ) : (
      (e.actorName ?? t('audit.system'))
    );
  const actionCell = (e: TAuditEntry) => <span title={e.action}>{labelOr(`audit.action.${e.action}`, e.action)}</span>;
  // The name people know the object by; its kind under it; the raw reference on hover and in the expanded row.
  const objectCell = (e: TAuditEntry) => {
    const type = labelOr(`audit.objectType.${e.objectType}`, e.objectType);
    const ref = `${e.objectType}${e.objectId ? `:${e.objectId}` : ''}`;
    return (
      <span title={ref} data-testid="audit-object">
        {e.objectLabel ? (
          <TwoLines primary={e.objectLabel} secondary={type} />
        ) : (
          `${type}${e.objectId ? ` #${e.objectId}` : ''}`
        )}
      </span>
    );
  };

  const columns: TableColumnsType<TAuditEntry> = wide
    ? [
        {
          title: t('audit.seq'),
          dataIndex: 'seq',
          key: 'seq',
          width: 90,
          render: (seq: number | null) => seq ?? t('audit.pendingSeq'),
          sorter: true,
          sortOrder: list.sortOrder('seq'),
        },
        { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatDateTime },
        { title: t('audit.actor'), key: 'actor', render: (_v, e) => actorCell(e) },
        {
          title: t('audit.role'),
          dataIndex: 'actorRole',
          render: (role: TRole | null) => (role ? t(`role.${role}`) : '—'),
        },
        { title: t('audit.action'), key: 'action', render: (_v, e) => actionCell(e) },
        { title: t('audit.object'), key: 'object', render: (_v, e) => objectCell(e) },
        { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
      ]
    : // A phone shows what happened to what, and when and by whom, without scrolling sideways; the rest is one tap away.
      [
        {
          title: `${t('audit.action')} / ${t('audit.object')}`,
          key: 'what',
          render: (_v, e) => (
            <>
              <Typography.Text strong>{actionCell(e)}</Typography.Text>
              <div>{objectCell(e)}</div>
            </>
          ),
        },
        {
          title: `${t('audit.at')} / ${t('audit.actor')}`,
          key: 'when',
          width: 132,
          render: (_v, e) => (
            <>
              <div>{formatDateTime(e.at)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorDisplayName ?? e.actorName ?? t('audit.system')}
              </Typography.Text>
            </>
          ),
        },
      ];

  const onSearch = (values: AuditFilterForm) => {
    const [from, to] = values.dates ?? [];
    list.applyFilters({
      action: values.action,
      objectType: values.objectType,
      objectId: values.objectId?.trim() || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    });
  };

  return (
    <Card title={t('audit.title')}>
      {verified && <VerifyChainResult result={verified} onClose={() => setVerified(null)} />}
      <FilterBar
        form={form}
        onSearch={onSearch}
        exportHref={exportUrl('/api/audit', list.query)}
        actions={can('audit.verify') && <VerifyChainButton onResult={setVerified} />}
      >
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            options={ACTIONS.map((a) => ({ value: a, label: labelOr(`audit.action.${a}`, a) }))}
          />
        </Form.Item>
        <Form.Item name="objectType" label={t('audit.objectType')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={OBJECT_TYPES.map((o) => ({ value: o, label: labelOr(`audit.objectType.${o}`, o) }))}
          />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.objectId')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="dates" label={t('audit.dateRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
      </FilterBar>
      <Table<TAuditEntry>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        loading={entries.isFetching}
        columns={columns}
        dataSource={entries.data?.items}
        pagination={list.pagination(entries.data)}
        onChange={list.onTableChange}
        onRow={rowTestId('audit-row')}
        expandable={{ expandedRowRender: (entry) => <AuditEntryDetail entry={entry} /> }}
        scroll={wide ? { x: 1000 } : undefined}
      />
    </Card>
  );
}
