import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import {
  OPERATOR_CAPABILITIES,
  type TCreateOperatorRequest,
  type TOperator,
  type TOperatorDetail,
  type TUpdateOperatorRequest,
} from '../../../../contracts/operator';
import { useT } from '../../../i18n';
import { ApiError, api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { OPERATORS_KEY } from './queries';

interface OperatorFormModalProps {
  open: boolean;
  /** The operator being edited; absent when registering one. */
  operator: TOperator | null;
  onClose: () => void;
  /** Called with the saved operator, e.g. to open its detail page after registering. */
  onSaved?: (saved: TOperatorDetail) => void;
}

/** Domain errors that are about one field, shown under it as well as in the toast. */
const CODE_FIELDS = {
  CREDIT_CODE_INVALID: 'creditCode',
  CREDIT_CODE_TAKEN: 'creditCode',
  ID_NUMBER_INVALID: 'legalRepIdNumber',
};

/**
 * 登记/编辑承办企业. The credit code is fixed once registered; the ID number is never loaded into the form (the server
 * only gives it out audited), so when editing an empty field keeps the stored one.
 */
export function OperatorFormModal({ open, operator, onClose, onSaved }: OperatorFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TCreateOperatorRequest>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (operator) {
      form.setFieldsValue({
        name: operator.name,
        creditCode: operator.creditCode,
        legalRepName: operator.legalRepName,
        tradeRegistration: operator.tradeRegistration,
        capabilities: operator.capabilities,
        premises: operator.premises,
        contactPhone: operator.contactPhone,
      });
    }
  }, [open, operator, form]);

  const save = useMutation({
    mutationFn: ({ creditCode, legalRepIdNumber, ...rest }: TCreateOperatorRequest) => {
      if (!operator) {
        return api.post<TOperatorDetail>('/api/operators', { creditCode, legalRepIdNumber, ...rest });
      }
      const body: TUpdateOperatorRequest = { ...rest, version: operator.version };
      if (legalRepIdNumber?.trim()) body.legalRepIdNumber = legalRepIdNumber;
      return api.patch<TOperatorDetail>(`/api/operators/${operator.id}`, body);
    },
    onSuccess: (saved) => {
      message.success(t(operator ? 'operator.updated' : 'operator.created', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: OPERATORS_KEY });
      onClose();
      onSaved?.(saved);
    },
    onError: (error) => {
      showFieldErrors(form, error, CODE_FIELDS);
      // Someone else saved first: reload so that the next edit starts from their version.
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: OPERATORS_KEY });
        onClose();
      }
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Modal
      title={t(operator ? 'operator.editTitle' : 'operator.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="operator-form">
        <Form.Item
          name="name"
          label={t('operator.field.name')}
          rules={[required(t('operator.field.name')), { min: 4, max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('operator.field.creditCode')}
          extra={operator ? undefined : t('operator.form.creditCodeHint')}
          normalize={(value: string | undefined) => value?.toUpperCase()}
          rules={[required(t('operator.field.creditCode')), { max: 30 }]}
        >
          <Input maxLength={30} disabled={Boolean(operator)} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="legalRepName"
          label={t('operator.field.legalRepName')}
          rules={[required(t('operator.field.legalRepName')), { min: 2, max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="legalRepIdNumber"
          label={t('operator.field.legalRepIdNumber')}
          extra={
            operator
              ? t('operator.form.idNumberEditHint', { masked: operator.legalRepIdMasked })
              : t('operator.form.idNumberHint')
          }
          normalize={(value: string | undefined) => value?.toUpperCase()}
          rules={operator ? [{ max: 30 }] : [required(t('operator.field.legalRepIdNumber')), { max: 30 }]}
        >
          <Input maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="tradeRegistration"
          label={t('operator.field.tradeRegistration')}
          rules={[required(t('operator.field.tradeRegistration')), { min: 4, max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="capabilities"
          label={t('operator.field.capabilities')}
          extra={t('operator.form.capabilitiesHint')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('operator.field.capabilities') }) }]}
        >
          <Select
            mode="multiple"
            data-testid="operator-capabilities"
            options={OPERATOR_CAPABILITIES.map((c) => ({ value: c, label: t(`operator.capability.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="premises"
          label={t('operator.field.premises')}
          rules={[required(t('operator.field.premises')), { min: 4, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('operator.field.contactPhone')}
          rules={[required(t('operator.field.contactPhone')), { pattern: /^[0-9+\-() ]{7,20}$/ }]}
        >
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
