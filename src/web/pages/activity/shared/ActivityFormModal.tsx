import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import {
  ACTIVITY_KINDS,
  ACTIVITY_SUB_KINDS,
  type TActivityDetail,
  type TActivityInput,
  type TActivityKind,
  type TUpdateActivityRequest,
} from '../../../../contracts/activity';
import { useT } from '../../../i18n';
import { todayInBeijing } from '../../../lib/format';
import { ApiError, api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { ACTIVITIES_KEY, subKindLabel } from './activity-api';
import { EnterprisesSelect } from './EnterprisesSelect';

interface ActivityFormValues {
  kind: TActivityKind;
  subKind?: string;
  title: string;
  startOn: Dayjs;
  endOn: Dayjs;
  place: string;
  participantCount: number;
  description?: string;
  enterpriseIds?: number[];
}

interface ActivityFormModalProps {
  open: boolean;
  /** The activity being corrected; null when recording a new one. */
  activity: TActivityDetail | null;
  onClose: () => void;
  onSaved?: (saved: TActivityDetail) => void;
}

/** An update sends the activity under `activity`: its field errors come back as `activity.title` and so on. */
function unwrapFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details?.fields)) return error;
  const fields = (error.details.fields as { field?: unknown }[]).map((f) => ({
    ...f,
    field: typeof f.field === 'string' ? f.field.replace(/^activity\./, '') : f.field,
  }));
  return new ApiError(error.status, error.code, error.message, { ...error.details, fields });
}

/**
 * 登记活动 / 修改活动 (Art. 5(十)(十二)(十四)(十五)): the kind decides which sub-kinds may be chosen (policy promotion
 * has none); days no more than a year ahead; participating enterprises found by name or credit code. The server
 * checks all of it again and its reasons appear under the fields.
 */
export function ActivityFormModal({ open, activity, onClose, onSaved }: ActivityFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActivityFormValues>();
  const kind = Form.useWatch('kind', form);
  const subKinds = kind ? ACTIVITY_SUB_KINDS[kind] : [];
  const latest = dayjs(todayInBeijing()).add(1, 'year');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (activity) {
      form.setFieldsValue({
        kind: activity.kind,
        subKind: activity.subKind ?? undefined,
        title: activity.title,
        startOn: dayjs(activity.startOn),
        endOn: dayjs(activity.endOn),
        place: activity.place,
        participantCount: activity.participantCount,
        description: activity.description ?? undefined,
        enterpriseIds: activity.enterprises.map((e) => e.id),
      });
    }
  }, [open, activity, form]);

  const save = useMutation({
    mutationFn: (input: TActivityInput) => {
      if (!activity) return api.post<TActivityDetail>('/api/activities', input);
      const body: TUpdateActivityRequest = { version: activity.version, activity: input };
      return api.put<TActivityDetail>(`/api/activities/${activity.id}`, body);
    },
    onSuccess: (saved) => {
      message.success(t(activity ? 'activity.updated' : 'activity.created', { title: saved.title }));
      void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY });
      onClose();
      onSaved?.(saved);
    },
    onError: (error) => {
      showFieldErrors(form, unwrapFields(error));
      // Someone else saved first: reload so that the next edit starts from their version.
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY });
        onClose();
      }
    },
  });

  const submit = (v: ActivityFormValues) =>
    save.mutate({
      kind: v.kind,
      subKind: v.subKind ?? null,
      title: v.title.trim(),
      startOn: v.startOn.format('YYYY-MM-DD'),
      endOn: v.endOn.format('YYYY-MM-DD'),
      place: v.place.trim(),
      participantCount: v.participantCount,
      description: v.description?.trim() || null,
      enterpriseIds: v.enterpriseIds ?? [],
    });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const pick = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  const tooLate = (day: Dayjs) => day.isAfter(latest, 'day');
  return (
    <Modal
      title={t(activity ? 'activity.editTitle' : 'activity.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'activity-save' } as ButtonProps}
      confirmLoading={save.isPending}
      forceRender
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<ActivityFormValues>) => {
          if ('kind' in changed) form.setFieldValue('subKind', undefined);
        }}
        data-testid="activity-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('activity.field.kind')} rules={[pick(t('activity.field.kind'))]}>
              <Select
                data-testid="activity-kind"
                options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="subKind"
              label={t('activity.field.subKind')}
              rules={subKinds.length > 0 ? [pick(t('activity.field.subKind'))] : []}
            >
              <Select
                data-testid="activity-subKind"
                disabled={subKinds.length === 0}
                placeholder={t(kind ? 'activity.form.subKindNone' : 'activity.form.pickKindFirst')}
                options={subKinds.map((s) => ({ value: s, label: subKindLabel(t, s) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('activity.field.title')}
          rules={[required(t('activity.field.title')), { min: 2, max: 200 }]}
        >
          <Input maxLength={200} data-testid="activity-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startOn" label={t('activity.field.startOn')} rules={[pick(t('activity.field.startOn'))]}>
              <DatePicker style={{ width: '100%' }} disabledDate={tooLate} data-testid="activity-startOn" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="endOn"
              label={t('activity.field.endOn')}
              dependencies={['startOn']}
              rules={[
                pick(t('activity.field.endOn')),
                ({ getFieldValue }) => ({
                  validator: (_rule, end: Dayjs | undefined) => {
                    const start = getFieldValue('startOn') as Dayjs | undefined;
                    return !end || !start || !end.isBefore(start, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('activity.form.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={tooLate} data-testid="activity-endOn" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item
              name="place"
              label={t('activity.field.place')}
              rules={[required(t('activity.field.place')), { min: 2, max: 200 }]}
            >
              <Input maxLength={200} data-testid="activity-place" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="participantCount"
              label={t('activity.field.participantCount')}
              rules={[pick(t('activity.field.participantCount'))]}
            >
              <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} data-testid="activity-count" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('activity.field.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="enterpriseIds" label={t('activity.field.enterprises')}>
          <EnterprisesSelect known={activity?.enterprises} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
