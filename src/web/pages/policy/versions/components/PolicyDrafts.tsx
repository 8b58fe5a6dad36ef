import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TPolicyVersion } from '../../../../../contracts/policy';
import type { TPolicyDraft } from '../../../../../contracts/policy-draft';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { POLICY_KEY, useDrafts } from '../../draft/components/draft-api';

export const DRAFT_STATUS_COLOURS = { draft: 'processing', published: 'green', discarded: 'default' } as const;

/**
 * The province's drafts of a new version (Art. 16) with 起草新版本: a copy of the version in force, or of another
 * published one, to edit, preview and publish.
 */
export function PolicyDrafts({ versions }: { versions: TPolicyVersion[] }) {
  const { t, locale } = useLocale();
  const drafts = useDrafts(true);
  const [open, setOpen] = useState(false);
  const columns: TableColumnsType<TPolicyDraft> = [
    {
      title: t('policy.versionTitle'),
      dataIndex: 'title',
      render: (title: string, d) => <Link to={`/policy/drafts/${d.id}`}>{title}</Link>,
    },
    {
      title: t('policyDraft.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: TPolicyDraft['status'], d) => (
        <Tag color={DRAFT_STATUS_COLOURS[s]}>
          {s === 'published'
            ? t('policy.versionNo', { version: d.publishedVersion ?? '' })
            : t(`policyDraft.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('policyDraft.changed'),
      dataIndex: 'changedParameters',
      width: 120,
      responsive: ['md'],
      render: (keys: string[], d) => (d.status === 'draft' ? t('policyDraft.changedCount', { n: keys.length }) : '—'),
    },
    {
      title: t('policy.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 150,
      responsive: ['md'],
      render: (day: string | null) => (day ? formatDate(day, locale) : '—'),
    },
    {
      title: t('policyDraft.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      responsive: ['lg'],
      render: formatDateTime,
    },
  ];
  return (
    <Card
      title={t('policyDraft.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="policy-draft-new">
          {t('policyDraft.new')}
        </Button>
      }
    >
      <Table<TPolicyDraft>
        rowKey="id"
        size="middle"
        data-testid="policy-drafts"
        loading={drafts.isPending}
        columns={columns}
        dataSource={drafts.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('policyDraft.none') }}
      />
      <NewDraftModal open={open} onClose={() => setOpen(false)} versions={versions} />
    </Card>
  );
}

function NewDraftModal({
  open,
  onClose,
  versions,
}: {
  open: boolean;
  onClose: () => void;
  versions: TPolicyVersion[];
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ title: string; basedOnVersion: number | null }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (values: { title: string; basedOnVersion: number | null }) =>
      api.post<TPolicyDraft>('/api/policy/drafts', values),
    onSuccess: (d) => {
      message.success(t('policyDraft.created'));
      queryClient.invalidateQueries({ queryKey: POLICY_KEY });
      onClose();
      navigate(`/policy/drafts/${d.id}`);
    },
    onError: (e) => {
      if (!showFieldErrors(form, e)) handleApiError(e);
    },
  });
  return (
    <Modal
      open={open}
      title={t('policyDraft.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('policyDraft.createOk')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ basedOnVersion: 0 }}
        onFinish={(v) => create.mutate({ title: v.title, basedOnVersion: v.basedOnVersion || null })}
      >
        <Form.Item
          name="title"
          label={t('policy.versionTitle')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('policy.versionTitle') }) },
          ]}
        >
          <Input maxLength={200} placeholder={t('policyDraft.titlePlaceholder')} data-testid="policy-draft-title" />
        </Form.Item>
        <Form.Item name="basedOnVersion" label={t('policyDraft.basedOn')} extra={t('policyDraft.basedOnHelp')}>
          <Select
            options={[
              { value: 0, label: t('policyDraft.basedOnInForce') },
              ...versions.map((v) => ({
                value: v.version,
                label: `${t('policy.versionNo', { version: v.version })} ${v.title}`,
              })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
