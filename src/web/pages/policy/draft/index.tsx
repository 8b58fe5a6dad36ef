import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TPolicyVersion } from '../../../../contracts/policy';
import type { TPolicyDraft } from '../../../../contracts/policy-draft';
import { detailView } from '../../../components/DetailPage';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { handleApiError } from '../../../request-error';
import { DRAFT_STATUS_COLOURS } from '../versions/components/PolicyDrafts';
import { DraftEditor } from './components/DraftEditor';
import { DraftPreview } from './components/DraftPreview';
import { POLICY_KEY, useDraft } from './components/draft-api';
import { PublishModal } from './components/PublishModal';

/** One draft of a new policy version (Art. 16): its parameters, what it would change today, and publication. */
export function PolicyDraftPage() {
  const { t } = useLocale();
  const id = Number(useParams().id);
  const detail = useDraft(Number.isInteger(id) && id > 0 ? id : -1);
  const view = detailView(detail, {
    title: t('policyDraft.notFound'),
    backTo: '/policy',
    backLabel: t('policy.backToList'),
  });
  if (view.fallback) return view.fallback;
  return <DraftView draft={view.data} />;
}

function DraftView({ draft }: { draft: TPolicyDraft }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const [tab, setTab] = useState('parameters');
  const versions = useQuery({
    queryKey: [...POLICY_KEY, 'versions'],
    queryFn: () => api.get<ListResponse<TPolicyVersion>>('/api/policy/versions'),
  });
  const inForce = versions.data?.items.find((v) => v.inForce);
  const nextVersion = Math.max(0, ...(versions.data?.items.map((v) => v.version) ?? [])) + 1;
  const isDraft = draft.status === 'draft';
  const discard = useMutation({
    mutationFn: () => api.post<TPolicyDraft>(`/api/policy/drafts/${draft.id}/discard`, { version: draft.version }),
    onSuccess: () => {
      message.success(t('policyDraft.discarded'));
      queryClient.invalidateQueries({ queryKey: POLICY_KEY });
    },
    onError: handleApiError,
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/policy" aria-label={t('policy.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {draft.title}
            </Typography.Text>
            <Tag color={DRAFT_STATUS_COLOURS[draft.status]}>
              {draft.status === 'published'
                ? t('policyDraft.publishedAs', { version: draft.publishedVersion ?? '' })
                : t(`policyDraft.status.${draft.status}`)}
            </Tag>
          </Space>
        }
        extra={
          isDraft && (
            <Space wrap>
              <Popconfirm
                title={t('policyDraft.discardConfirm')}
                okText={t('policyDraft.discard')}
                cancelText={t('common.cancel')}
                onConfirm={() => discard.mutate()}
              >
                <Button loading={discard.isPending} data-testid="policy-draft-discard">
                  {t('policyDraft.discard')}
                </Button>
              </Popconfirm>
              <Button type="primary" onClick={() => setPublishing(true)} data-testid="policy-draft-publish">
                {t('policyDraft.publish')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'basedOn',
              label: t('policyDraft.basedOn'),
              children: t('policy.versionNo', { version: draft.basedOnVersion }),
            },
            {
              key: 'changed',
              label: t('policyDraft.changed'),
              children: t('policyDraft.changedAgainst', {
                n: draft.changedParameters.length,
                version: draft.inForceVersion,
              }),
            },
            { key: 'by', label: t('policyDraft.createdBy'), children: draft.createdByName ?? '—' },
            { key: 'updated', label: t('policyDraft.updatedAt'), children: formatDateTime(draft.updatedAt) },
            ...(draft.effectiveFrom
              ? [{ key: 'eff', label: t('policy.effectiveFrom'), children: formatDate(draft.effectiveFrom, locale) }]
              : []),
          ]}
        />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'parameters',
              label: t('policyDraft.tab.parameters'),
              children: <DraftEditor draft={draft} inForce={inForce?.parameters} editable={isDraft} />,
            },
            {
              key: 'preview',
              label: t('policyDraft.tab.preview'),
              children: <DraftPreview draftId={draft.id} draftVersion={draft.version} />,
            },
          ]}
        />
      </Card>
      {isDraft && (
        <PublishModal draft={draft} nextVersion={nextVersion} open={publishing} onClose={() => setPublishing(false)} />
      )}
    </Space>
  );
}
