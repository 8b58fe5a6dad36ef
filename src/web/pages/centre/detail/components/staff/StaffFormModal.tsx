import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import type { TStaff, TStaffInput } from '../../../../../../contracts/staff';
import { useT } from '../../../../../i18n';
import { ApiError, api } from '../../../../../request';
import { handleApiError, showFieldErrors } from '../../../../../request-error';
import { CENTRES_KEY } from '../../../shared/queries';

interface StaffFormModalProps {
  centreId: number;
  onClose: () => void;
}

/** 添加人员: one person on the centre's roster, with the facts Art. 7 counts. */
export function StaffFormModal({ centreId, onClose }: StaffFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TStaffInput>();
  const queryClient = useQueryClient();
  const save = useMutation({
    meta: { silent: true },
    mutationFn: (body: TStaffInput) => api.post<TStaff>(`/api/centres/${centreId}/staff`, body),
    onSuccess: (saved) => {
      message.success(t('staff.added', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: [...CENTRES_KEY, 'detail', centreId] });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status !== 401 && showFieldErrors(form, error)) return;
      handleApiError(error);
    },
  });

  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];
  const required = (key: 'staff.field.name' | 'staff.field.tradeYears' | 'staff.field.socialInsuranceProof') => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: t(key) }),
  });

  return (
    <Modal
      open
      title={t('staff.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TStaffInput>
        form={form}
        layout="vertical"
        data-testid="staff-form"
        initialValues={{ customsDeclarant: false, foreignLanguage: false }}
        onFinish={(values) =>
          save.mutate({
            ...values,
            name: values.name.trim(),
            socialInsuranceProof: values.socialInsuranceProof.trim(),
          })
        }
      >
        <Form.Item
          name="name"
          label={t('staff.field.name')}
          rules={[required('staff.field.name'), { min: 2, max: 50 }]}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item
          name="tradeYears"
          label={t('staff.field.tradeYears')}
          extra={t('staff.field.tradeYearsHint')}
          rules={[{ required: true, message: t('common.required', { field: t('staff.field.tradeYears') }) }]}
        >
          <InputNumber min={0} max={60} precision={1} step={1} suffix={t('staff.years')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="customsDeclarant" label={t('staff.field.customsDeclarant')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={yesNo} />
        </Form.Item>
        <Form.Item name="foreignLanguage" label={t('staff.field.foreignLanguage')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={yesNo} />
        </Form.Item>
        <Form.Item
          name="socialInsuranceProof"
          label={t('staff.field.socialInsuranceProof')}
          extra={t('staff.field.socialInsuranceProofHint')}
          rules={[required('staff.field.socialInsuranceProof'), { min: 2, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
