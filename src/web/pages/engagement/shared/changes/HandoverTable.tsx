import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Input, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { HANDOVER_ITEMS, type THandoverEntry, type TOperatorChange } from '../../../../../contracts/engagement';
import { useT } from '../../../../i18n';
import { RefusalAlert } from '../../../centre/shared/RefusalAlert';
import { useChangeAction } from './change-api';

type THandoverItem = THandoverEntry['item'];
type Draft = Record<THandoverItem, { done: boolean; note: string }>;

function draftOf(handover: THandoverEntry[]): Draft {
  const out = {} as Draft;
  for (const item of HANDOVER_ITEMS) {
    const e = handover.find((x) => x.item === item);
    out[item] = { done: e?.done ?? false, note: e?.note ?? '' };
  }
  return out;
}

/**
 * 工作交接 (Art. 10(六): 退出企业与承接企业应按相关规定做好工作交接): the county ticks off each item as the two
 * operators complete it, with a note; others read it.
 */
export function HandoverTable({ change, editable }: { change: TOperatorChange; editable: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(change.handover));
  // A newer version from the server (a save, a decision) replaces what is on screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server's version changes
  useEffect(() => setDraft(draftOf(change.handover)), [change.version]);
  const { mutation, refusal } = useChangeAction({ onDone: () => message.success(t('engagement.handover.saved')) });

  const doneCount = HANDOVER_ITEMS.filter((i) => draft[i].done).length;
  const edit = (item: THandoverItem, patch: Partial<Draft[THandoverItem]>) =>
    setDraft((d) => ({ ...d, [item]: { ...d[item], ...patch } }));
  const save = () =>
    mutation.mutate({
      method: 'PUT',
      path: `/api/operator-changes/${change.id}/handover`,
      body: {
        version: change.version,
        items: HANDOVER_ITEMS.map((item) => ({ item, done: draft[item].done, note: draft[item].note.trim() })),
      },
    });

  return (
    <div data-testid="handover">
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Text strong>{t('engagement.handover.title')}</Typography.Text>
        <Space size={8}>
          <Tag color={doneCount === HANDOVER_ITEMS.length ? 'green' : 'orange'} data-testid="handover-progress">
            {t('engagement.handover.progress', { n: doneCount, total: HANDOVER_ITEMS.length })}
          </Tag>
          {editable && (
            <Button
              type="primary"
              size="small"
              icon={<SaveOutlined />}
              loading={mutation.isPending}
              onClick={save}
              data-testid="handover-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Space>
      </Space>
      <RefusalAlert error={refusal} />
      <Table<THandoverItem>
        size="small"
        rowKey={(item) => item}
        dataSource={[...HANDOVER_ITEMS]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(item) => ({ 'data-testid': 'handover-row', 'data-item': item }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('engagement.handover.item'),
            key: 'item',
            width: 260,
            render: (_v, item) => t(`engagement.handover.item.${item}`),
          },
          {
            title: t('engagement.handover.done'),
            key: 'done',
            width: 90,
            align: 'center',
            render: (_v, item) =>
              editable ? (
                <Checkbox
                  checked={draft[item].done}
                  onChange={(ev) => edit(item, { done: ev.target.checked })}
                  data-testid={`handover-done-${item}`}
                  aria-label={t(`engagement.handover.item.${item}`)}
                />
              ) : (
                <Tag color={draft[item].done ? 'green' : 'default'} data-testid={`handover-state-${item}`}>
                  {t(draft[item].done ? 'engagement.handover.yes' : 'engagement.handover.no')}
                </Tag>
              ),
          },
          {
            title: t('engagement.handover.note'),
            key: 'note',
            width: 360,
            render: (_v, item) =>
              editable ? (
                <Input
                  maxLength={500}
                  value={draft[item].note}
                  placeholder={t('engagement.handover.notePlaceholder')}
                  onChange={(ev) => edit(item, { note: ev.target.value })}
                  data-testid={`handover-note-${item}`}
                />
              ) : (
                <span style={{ whiteSpace: 'pre-wrap' }}>{draft[item].note || '—'}</span>
              ),
          },
        ]}
      />
    </div>
  );
}
