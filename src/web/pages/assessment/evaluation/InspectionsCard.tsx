import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TEvaluation, TInspectionRequest } from '../../../../contracts/assessment-evaluation';
import { AttachmentList } from '../../../components/AttachmentList';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { EVALUATION_KEY, inspectionPhotoUrl, uploadInspectionPhoto } from '../shared/evaluation-api';

/** 实地考察 (Art. 12(二)(3)): the day, the people met, the findings and the photos; the evaluator adds them. */
export function InspectionsCard({ e }: { e: TEvaluation }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ inspectedOn: Dayjs; peopleMet: string; findings: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: EVALUATION_KEY });
  const record = useMutation({
    mutationFn: (body: TInspectionRequest) =>
      api.post<{ id: number }>(`/api/assessment/submissions/${e.submissionId}/inspections`, body),
    onSuccess: () => {
      message.success(t('evaluation.inspections.recorded'));
      setOpen(false);
      void refresh();
    },
    meta: { silent: true },
    onError: (error) => {
      if (!showFieldErrors(form, error)) message.error((error as Error).message);
    },
  });
  return (
    <Card
      title={t('evaluation.inspections.title')}
      size="small"
      data-testid="evaluation-inspections"
      extra={
        e.can.inspect && (
          <Button onClick={() => setOpen(true)} data-testid="evaluation-inspection-add">
            {t('evaluation.inspections.add')}
          </Button>
        )
      }
    >
      {e.inspections.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.inspections.empty')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {e.inspections.map((i) => (
            <Card key={i.id} type="inner" size="small" title={formatDate(i.inspectedOn, locale)}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text type="secondary">{t('evaluation.inspections.people')}：</Typography.Text>
                {i.peopleMet}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {i.findings}
              </Typography.Paragraph>
              {i.recordedByName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('evaluation.inspections.by', { name: i.recordedByName })}
                </Typography.Text>
              )}
              <AttachmentList
                title={t('evaluation.inspections.photos')}
                files={i.photos.map((f) => ({ ...f, uploadedBy: f.uploadedByName }))}
                href={(fileId) => inspectionPhotoUrl(e.submissionId, i.id, fileId)}
                upload={e.can.inspect ? (file) => uploadInspectionPhoto(e.submissionId, i.id, file) : undefined}
                refresh={refresh}
                emptyText={t('evaluation.inspections.noPhotos')}
                multiple
                testIds={{
                  card: 'inspection-photos',
                  upload: 'inspection-photo-upload',
                  link: 'inspection-photo-link',
                }}
              />
            </Card>
          ))}
        </Space>
      )}
      <Modal
        title={t('evaluation.inspections.add')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={record.isPending}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            record.mutate({
              inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
              peopleMet: v.peopleMet,
              findings: v.findings,
            })
          }
        >
          <Form.Item name="inspectedOn" label={t('evaluation.inspections.on')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="peopleMet"
            label={t('evaluation.inspections.people')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item
            name="findings"
            label={t('evaluation.inspections.findings')}
            rules={[{ required: true, whitespace: true, max: 4000 }]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
