import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import {
  ELIGIBILITY_ITEMS,
  type TChecklistEntry,
  type TEligibilityItem,
  type TEngagementDetail,
} from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { AttachmentLink } from '../../../centre/detail/components/attachments/AttachmentLink';
import { RefusalAlert } from '../../../centre/shared/RefusalAlert';
import { CHECKLIST_POINTS } from '../engagement-labels';
import { useEngagementAction } from '../use-engagement-action';

type Draft = Record<TEligibilityItem, { confirmed: boolean; evidence: string; attachmentIds: number[] }>;

function draftOf(checklist: TChecklistEntry[]): Draft {
  const out = {} as Draft;
  for (const item of ELIGIBILITY_ITEMS) {
    const e = checklist.find((x) => x.item === item);
    out[item] = {
      confirmed: e?.confirmed ?? false,
      evidence: e?.evidence ?? '',
      attachmentIds: e?.attachmentIds ?? [],
    };
  }
  return out;
}

/** Confirmed with its evidence written down: what Art. 10(一) asks of each item. */
function done(entry: Draft[TEligibilityItem]): boolean {
  return entry.confirmed && entry.evidence.trim().length > 0;
}

/**
 * 承办条件核查表 (Art. 10(一)): the county confirms each condition and writes down what it saw (the register, the
 * document, the 信用中国 search and its date), optionally pointing at uploaded evidence. Others read it.
 */
export function ChecklistCard({ engagement, editable }: { engagement: TEngagementDetail; editable: boolean }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(engagement.checklist));
  const [tried, setTried] = useState(false);
  // A newer version from the server (someone saved, or another step) replaces what is on screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server's version changes
  useEffect(() => {
    setDraft(draftOf(engagement.checklist));
    setTried(false);
  }, [engagement.version]);
  const { mutation, refusal } = useEngagementAction({ onDone: () => message.success(t('engagement.checklist.saved')) });

  const evidenceFiles = engagement.attachments.filter((a) => a.kind === 'eligibility_evidence');
  const saved = new Map(engagement.checklist.map((e) => [e.item, e]));
  const change = (item: TEligibilityItem, patch: Partial<Draft[TEligibilityItem]>) =>
    setDraft((d) => ({ ...d, [item]: { ...d[item], ...patch } }));
  const missingEvidence = (item: TEligibilityItem) => draft[item].confirmed && !draft[item].evidence.trim();
  const confirmedCount = ELIGIBILITY_ITEMS.filter((i) => done(draft[i])).length;

  const save = () => {
    setTried(true);
    if (ELIGIBILITY_ITEMS.some(missingEvidence)) return;
    mutation.mutate({
      method: 'PUT',
      path: `/api/engagements/${engagement.id}/checklist`,
      body: {
        version: engagement.version,
        entries: ELIGIBILITY_ITEMS.map((item) => ({
          item,
          confirmed: draft[item].confirmed,
          evidence: draft[item].evidence.trim(),
          attachmentIds: draft[item].attachmentIds,
        })),
      },
    });
  };

  const article = (item: TEligibilityItem) =>
    locale === 'en' ? `Art. 10(1)${CHECKLIST_POINTS[item]}` : `第十条（一）${CHECKLIST_POINTS[item]}`;

  return (
    <Card
      size="small"
      title={t('engagement.checklist.title')}
      data-testid="engagement-checklist"
      extra={
        <Space size={8}>
          <Tag color={confirmedCount === ELIGIBILITY_ITEMS.length ? 'green' : 'orange'}>
            {t('engagement.checklist.progress', { n: confirmedCount, total: ELIGIBILITY_ITEMS.length })}
          </Tag>
          {editable && (
            <Button
              type="primary"
              size="small"
              icon={<SaveOutlined />}
              loading={mutation.isPending}
              onClick={save}
              data-testid="checklist-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <RefusalAlert error={refusal} />
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('engagement.checklist.hint')}
        </Typography.Paragraph>
      )}
      <Table<TEligibilityItem>
        size="small"
        rowKey={(item) => item}
        dataSource={[...ELIGIBILITY_ITEMS]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(item) => ({ 'data-testid': 'checklist-row', 'data-item': item }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('engagement.checklist.item'),
            key: 'item',
            width: 300,
            render: (_v, item) => (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
                  {article(item)}
                </Typography.Text>
                {t(`engagement.checklist.item.${item}`)}
              </>
            ),
          },
          {
            title: t('engagement.checklist.confirmed'),
            key: 'confirmed',
            width: 80,
            align: 'center',
            render: (_v, item) =>
              editable ? (
                <Checkbox
                  checked={draft[item].confirmed}
                  onChange={(e) => change(item, { confirmed: e.target.checked })}
                  data-testid={`checklist-confirm-${item}`}
                  aria-label={t(`engagement.checklist.item.${item}`)}
                />
              ) : (
                <Tag color={done(draft[item]) ? 'green' : 'default'} data-testid={`checklist-state-${item}`}>
                  {t(done(draft[item]) ? 'engagement.checklist.yes' : 'engagement.checklist.no')}
                </Tag>
              ),
          },
          {
            title: t('engagement.checklist.evidence'),
            key: 'evidence',
            width: 320,
            render: (_v, item) =>
              editable ? (
                <>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={1000}
                    value={draft[item].evidence}
                    status={tried && missingEvidence(item) ? 'error' : undefined}
                    placeholder={t('engagement.checklist.evidencePlaceholder')}
                    onChange={(e) => change(item, { evidence: e.target.value })}
                    data-testid={`checklist-evidence-${item}`}
                  />
                  {tried && missingEvidence(item) && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {t('engagement.checklist.evidenceRequired')}
                    </Typography.Text>
                  )}
                </>
              ) : (
                <span style={{ whiteSpace: 'pre-wrap' }}>{draft[item].evidence || '—'}</span>
              ),
          },
          {
            title: t('engagement.checklist.files'),
            key: 'files',
            width: 220,
            render: (_v, item) =>
              editable ? (
                <Select
                  mode="multiple"
                  allowClear
                  size="small"
                  style={{ width: '100%' }}
                  placeholder={
                    evidenceFiles.length ? t('engagement.checklist.pickFiles') : t('engagement.checklist.noFiles')
                  }
                  disabled={evidenceFiles.length === 0}
                  value={draft[item].attachmentIds}
                  onChange={(ids: number[]) => change(item, { attachmentIds: ids })}
                  options={evidenceFiles.map((a) => ({ value: a.id, label: a.fileName }))}
                />
              ) : (
                <Space orientation="vertical" size={0}>
                  {evidenceFiles
                    .filter((a) => draft[item].attachmentIds.includes(a.id))
                    .map((a) => (
                      <AttachmentLink key={a.id} attachment={a} />
                    ))}
                </Space>
              ),
          },
          {
            title: t('engagement.checklist.confirmedBy'),
            key: 'by',
            width: 160,
            render: (_v, item) => {
              const e = saved.get(item);
              return e?.confirmedBy ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.confirmedBy}
                  <br />
                  {formatDateTime(e.confirmedAt)}
                </Typography.Text>
              ) : (
                '—'
              );
            },
          },
        ]}
      />
    </Card>
  );
}
