import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TIndicatorSystem } from '../../../../contracts/assessment-cycle';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { api } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { ASSESSMENT_KEY, type TSystemSummary, useSystems } from '../shared/assessment-api';

/** 考核评价指标体系 (Art. 12(一)): the systems; the province drafts one by copying the default or another. */
export function IndicatorSystemsPage() {
  const { t } = useLocale();
  const can = useCan();
  const systems = useSystems();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('assessment.systems')}
      extra={
        can('assessment.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="system-create">
            {t('assessment.systemCreate')}
          </Button>
        )
      }
    >
      <Table<TSystemSummary>
        size="small"
        rowKey="id"
        loading={systems.isLoading}
        dataSource={systems.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assessment.noSystems') }}
        columns={[
          {
            title: t('assessment.field.title'),
            dataIndex: 'title',
            render: (title: string, s) => <Link to={`/assessment/systems/${s.id}`}>{title}</Link>,
          },
          { title: t('assessment.field.year'), dataIndex: 'year', width: 80 },
          {
            title: t('assessment.field.systemStatus'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => (
              <Tag color={s === 'frozen' ? 'blue' : 'default'}>{t(`assessment.systemStatus.${s as 'draft'}`)}</Tag>
            ),
          },
          {
            title: t('assessment.field.usedBy'),
            dataIndex: 'usedBy',
            render: (years: number[]) =>
              years.length ? years.map((y) => t('assessment.yearLabel', { year: y })).join('、') : '—',
          },
          { title: t('assessment.field.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
        ]}
      />
      {can('assessment.manage') && (
        <CreateSystemModal open={creating} onClose={() => setCreating(false)} systems={systems.data?.items ?? []} />
      )}
    </Card>
  );
}

interface CreateForm {
  title: string;
  year: number;
  copyFrom: number;
}

function CreateSystemModal(props: { open: boolean; onClose: () => void; systems: TSystemSummary[] }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const year = new Date().getFullYear();
  const mutation = useMutation({
    mutationFn: (v: CreateForm) =>
      api.post<TIndicatorSystem>('/api/assessment/systems', {
        title: v.title,
        year: v.year,
        copyFrom: v.copyFrom === 0 ? null : v.copyFrom,
      }),
    onSuccess: (s) => {
      message.success(t('assessment.systemCreated', { title: s.title }));
      queryClient.invalidateQueries({ queryKey: ASSESSMENT_KEY });
      props.onClose();
      navigate(`/assessment/systems/${s.id}`);
    },
    onError: (err) => {
      if (!showFieldErrors(form, err)) handleApiError(err);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('assessment.systemCreate')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{ year, title: t('assessment.systemDefaultTitle', { year }), copyFrom: 0 }}
      >
        <Form.Item name="title" label={t('assessment.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="year" label={t('assessment.field.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2099} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="copyFrom" label={t('assessment.field.copyFrom')}>
          <Select
            options={[
              { value: 0, label: t('assessment.copyDefault') },
              ...props.systems.map((s) => ({ value: s.id, label: s.title })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
