import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TAssessmentCycle, TDeadlineInput, TOpenCycleRequest } from '../../../../contracts/assessment-cycle';
import { useLocale } from '../../../i18n';
import { api } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { ASSESSMENT_KEY, useSystems } from '../shared/assessment-api';

type DeadlineForm = { kind: 'date' | 'workingDays'; date?: Dayjs | null; days?: number | null };
interface OpenForm {
  year: number;
  title: string;
  notice: string;
  systemId: number;
  submissionDue: DeadlineForm;
  prereviewDue: DeadlineForm;
  evaluationDue: DeadlineForm;
}

function toDeadline(d: DeadlineForm): TDeadlineInput {
  return d.kind === 'date'
    ? { kind: 'date', date: d.date?.format('YYYY-MM-DD') ?? '' }
    : { kind: 'workingDays', days: d.days ?? 0 };
}

/** One deadline: a day, or N working days after the opening / the previous deadline (official calendar). */
function DeadlineField({ name, after }: { name: keyof OpenForm; after: string }) {
  const { t } = useLocale();
  return (
    <Form.Item noStyle shouldUpdate>
      {(form) => {
        const kind = form.getFieldValue([name, 'kind']);
        return (
          <Space wrap>
            <Form.Item name={[name, 'kind']} noStyle>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'date', label: t('assessment.deadline.date') },
                  { value: 'workingDays', label: t('assessment.deadline.workingDays') },
                ]}
              />
            </Form.Item>
            {kind === 'date' ? (
              <Form.Item name={[name, 'date']} noStyle rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            ) : (
              <Space>
                <span>{after}</span>
                <Form.Item name={[name, 'days']} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={250} style={{ width: 90 }} />
                </Form.Item>
                <span>{t('assessment.deadline.workingDaysUnit')}</span>
              </Space>
            )}
          </Space>
        );
      }}
    </Form.Item>
  );
}

/** 发布年度考核通知 (Art. 12(二)(1)): the year, the notice, the system and the three deadlines. */
export function OpenCycleModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenForm>();
  const systems = useSystems();
  const queryClient = useQueryClient();
  const thisYear = new Date().getFullYear();
  const mutation = useMutation({
    mutationFn: (v: OpenForm) =>
      api.post<TAssessmentCycle>('/api/assessment/cycles', {
        year: v.year,
        title: v.title,
        notice: v.notice,
        systemId: v.systemId,
        submissionDue: toDeadline(v.submissionDue),
        prereviewDue: toDeadline(v.prereviewDue),
        evaluationDue: toDeadline(v.evaluationDue),
      } satisfies TOpenCycleRequest),
    onSuccess: (c) => {
      message.success(t('assessment.opened', { title: c.title }));
      queryClient.invalidateQueries({ queryKey: ASSESSMENT_KEY });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!showFieldErrors(form, err)) handleApiError(err);
    },
  });
  return (
    <Modal
      open={open}
      title={t('assessment.open')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assessment.openConfirm')}
      confirmLoading={mutation.isPending}
      width={680}
      destroyOnHidden
    >
      <Form<OpenForm>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          year: thisYear,
          title: t('assessment.defaultTitle', { year: thisYear }),
          submissionDue: { kind: 'workingDays', days: 15 },
          prereviewDue: { kind: 'workingDays', days: 10 },
          evaluationDue: { kind: 'workingDays', days: 20 },
        }}
        data-testid="open-cycle-form"
      >
        <Form.Item name="year" label={t('assessment.field.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={thisYear} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="title" label={t('assessment.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="notice" label={t('assessment.notice')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={4} placeholder={t('assessment.noticePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="systemId"
          label={t('assessment.system')}
          rules={[{ required: true }]}
          extra={t('assessment.systemFreezes')}
        >
          <Select
            loading={systems.isLoading}
            options={(systems.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.title}（${t(`assessment.systemStatus.${s.status}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('assessment.submissionDue')} required>
          <DeadlineField name="submissionDue" after={t('assessment.deadline.afterOpening')} />
        </Form.Item>
        <Form.Item label={t('assessment.prereviewDue')} required>
          <DeadlineField name="prereviewDue" after={t('assessment.deadline.afterSubmission')} />
        </Form.Item>
        <Form.Item label={t('assessment.evaluationDue')} required>
          <DeadlineField name="evaluationDue" after={t('assessment.deadline.afterPrereview')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
