import { App, DatePicker, Form, Input, InputNumber, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type {
  TAnnualContract,
  TEngagementDetail,
  TEvaluateContractRequest,
  TRecordContractRequest,
} from '../../../../../contracts/engagement';
import { useT } from '../../../../i18n';
import { ActionModal } from '../../../centre/detail/components/ActionModal';
import { useEngagementAction } from '../use-engagement-action';

interface ContractValues {
  year: number;
  contractNumber: string;
  signedOn: Dayjs;
  amount?: number | null;
}

/** 登记年度合同 (Art. 10(三) 一年一签): the next year of the period, only after the year before passed. */
export function ContractModal({ engagement: e, onClose }: { engagement: TEngagementDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContractValues>();
  const { mutation, refusal } = useEngagementAction({
    form,
    onDone: () => {
      message.success(t('engagement.contract.recorded'));
      onClose();
    },
    onConflict: onClose,
  });
  const nextYear = Math.min(10, Math.max(0, ...e.contracts.map((c) => c.year)) + 1);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <ActionModal
      title={`${t('engagement.contract.add')} · ${e.centreName}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      confirmText={t('common.save')}
      confirmTestId="contract-submit"
    >
      <Typography.Paragraph type="secondary">{t('engagement.contract.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="contract-form"
        initialValues={{ year: nextYear, contractNumber: '', amount: e.contractAmount }}
        onFinish={(v) => {
          const body: TRecordContractRequest = {
            version: e.version,
            year: v.year,
            contractNumber: v.contractNumber.trim(),
            signedOn: v.signedOn.format('YYYY-MM-DD'),
            amount: typeof v.amount === 'number' ? v.amount : null,
          };
          mutation.mutate({ path: `/api/engagements/${e.id}/contracts`, body });
        }}
      >
        <Form.Item name="year" label={t('engagement.contract.year')} rules={[required(t('engagement.contract.year'))]}>
          <InputNumber min={1} max={10} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="contractNumber"
          label={t('engagement.contract.number')}
          rules={[
            { ...required(t('engagement.contract.number')), whitespace: true },
            { min: 2, max: 60 },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="signedOn"
          label={t('engagement.contract.signedOn')}
          rules={[
            { required: true, message: t('common.selectRequired', { field: t('engagement.contract.signedOn') }) },
          ]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="amount" label={t('engagement.contract.amount')}>
          <InputNumber min={0} max={1e10} style={{ width: '100%' }} suffix={t('engagement.unit.yuan')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

interface EvaluationValues {
  result: TEvaluateContractRequest['result'];
  evaluatedOn: Dayjs;
  note: string;
}

interface EvaluationModalProps {
  engagement: TEngagementDetail;
  contract: TAnnualContract;
  onClose: () => void;
}

/** 年度末期评估 (Art. 10(三)): a failed year is not renewed and the county must procure again. */
export function EvaluationModal({ engagement: e, contract, onClose }: EvaluationModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EvaluationValues>();
  const result = Form.useWatch('result', form);
  const { mutation, refusal } = useEngagementAction({
    form,
    onDone: () => {
      message.success(t('engagement.contract.evaluated'));
      onClose();
    },
    onConflict: onClose,
  });
  return (
    <ActionModal
      title={`${t('engagement.contract.evaluate')} · ${t('engagement.contract.yearN', { n: contract.year })}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={result === 'failed'}
      confirmText={t('common.save')}
      confirmTestId="evaluation-submit"
    >
      <Typography.Paragraph type="secondary">{t('engagement.contract.evaluateHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="evaluation-form"
        initialValues={{ result: 'passed' }}
        onFinish={(v) => {
          const body: TEvaluateContractRequest = {
            version: e.version,
            result: v.result,
            evaluatedOn: v.evaluatedOn.format('YYYY-MM-DD'),
            note: v.note.trim(),
          };
          mutation.mutate({ path: `/api/engagements/${e.id}/contracts/${contract.id}/evaluation`, body });
        }}
      >
        <Form.Item name="result" label={t('engagement.contract.result')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'passed', label: t('engagement.contract.evaluation.passed') },
              { value: 'failed', label: t('engagement.contract.evaluation.failed') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="evaluatedOn"
          label={t('engagement.contract.evaluatedOn')}
          rules={[
            { required: true, message: t('common.selectRequired', { field: t('engagement.contract.evaluatedOn') }) },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(contract.signedOn), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('engagement.contract.note')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('engagement.contract.note') }),
            },
            { min: 2, max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
