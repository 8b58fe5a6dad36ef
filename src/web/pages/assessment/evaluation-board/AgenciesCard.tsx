import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import type { TAgency, TCreateAgencyRequest } from '../../../../contracts/assessment-evaluation';
import { useLocale } from '../../../i18n';
import { api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { useAgencies } from '../shared/evaluation-api';

/** 第三方评估机构 (Art. 12(二)(3)): the agencies the province commissions; evaluator accounts are made under 用户管理. */
export function AgenciesCard() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TCreateAgencyRequest>();
  const create = useMutation({
    mutationFn: (body: TCreateAgencyRequest) => api.post<TAgency>('/api/assessment/agencies', body),
    onSuccess: (a) => {
      message.success(t('evaluation.agencies.created', { name: a.name }));
      void queryClient.invalidateQueries({ queryKey: ['assessment', 'agencies'] });
      setOpen(false);
    },
    onError: (e) => showFieldErrors(form, e, { ASSESSMENT_AGENCY_EXISTS: 'name' }),
  });
  return (
    <Card
      title={t('evaluation.agencies.title')}
      size="small"
      data-testid="evaluation-agencies"
      extra={
        <Button onClick={() => setOpen(true)} data-testid="evaluation-agency-add">
          {t('evaluation.agencies.add')}
        </Button>
      }
    >
      <Table<TAgency>
        size="small"
        rowKey="id"
        loading={agencies.isFetching}
        dataSource={agencies.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('evaluation.agencies.empty') }}
        columns={[
          { title: t('evaluation.agencies.name'), dataIndex: 'name' },
          {
            title: t('evaluation.agencies.creditCode'),
            dataIndex: 'creditCode',
            responsive: ['md'],
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('evaluation.agencies.contact'),
            dataIndex: 'contact',
            responsive: ['lg'],
            render: (v: string | null) => v ?? '—',
          },
          { title: t('evaluation.agencies.evaluators'), dataIndex: 'evaluatorCount', width: 110, align: 'right' },
        ]}
      />
      <Modal
        title={t('evaluation.agencies.add')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="name"
            label={t('evaluation.agencies.name')}
            rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('evaluation.agencies.creditCode')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="contact" label={t('evaluation.agencies.contact')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
