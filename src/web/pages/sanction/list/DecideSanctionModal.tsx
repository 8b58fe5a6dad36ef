import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TOperator } from '../../../../contracts/operator';
import {
  DECIDABLE_GROUNDS,
  SANCTION_GROUND_NAMES,
  type TSanction,
  type TSanctionGround,
  type TSanctionKind,
  type TSanctionPreview,
} from '../../../../contracts/sanction';
import { ATTACHMENT_ACCEPT, uploadFile } from '../../../components/attachment-files';
import { useLocale } from '../../../i18n';
import { todayInBeijing } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { fetchPreview, formatFen, SANCTIONS_KEY } from '../shared/sanction-api';

interface Values {
  operatorId: number;
  kind: TSanctionKind;
  grounds: TSanctionGround[];
  facts: string;
  decidedOn: Dayjs;
  effectiveOn: Dayjs;
}

const DAY = 'YYYY-MM-DD';

/**
 * 作出处理决定 (Art. 13, 14): the operator, the kind, the grounds with their article texts, the facts, the dates and
 * the evidence; then a second step that shows what will happen (GET /api/sanctions/preview) before it happens.
 */
export function DecideSanctionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'disqualification';
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<{ values: Values; effects: TSanctionPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const operators = useQuery({
    queryKey: ['operators', 'list', { pageSize: 200, sort: 'name' }],
    queryFn: () => api.get<ListResponse<TOperator>>('/api/operators', { pageSize: 200, sort: 'name' }),
    enabled: open,
  });

  const close = () => {
    setPreview(null);
    setFiles([]);
    form.resetFields();
    onClose();
  };

  const review = async (values: Values) => {
    setBusy(true);
    try {
      const effects = await fetchPreview({ operatorId: values.operatorId, kind: values.kind, grounds: values.grounds });
      setPreview({ values, effects });
    } catch (e) {
      handleApiError(e);
    } finally {
      setBusy(false);
    }
  };

  const decide = async () => {
    if (!preview) return;
    const v = preview.values;
    setBusy(true);
    try {
      const saved = await api.post<TSanction>('/api/sanctions', {
        operatorId: v.operatorId,
        kind: v.kind,
        grounds: v.grounds,
        facts: v.facts.trim(),
        decidedOn: v.decidedOn.format(DAY),
        effectiveOn: v.effectiveOn.format(DAY),
      });
      for (const file of files) {
        try {
          await uploadFile(`/api/sanctions/${saved.id}/attachments`, file);
        } catch {
          message.warning(t('sanction.uploadFailed', { name: file.name }));
        }
      }
      message.success(t('sanction.decided', { number: saved.letterNumber }));
      await queryClient.invalidateQueries({ queryKey: SANCTIONS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['operators'] });
      close();
      void navigate(`/sanctions/${saved.id}`);
    } catch (e) {
      setPreview(null);
      if (!showFieldErrors(form, e)) handleApiError(e);
    } finally {
      setBusy(false);
    }
  };

  const eff = preview?.effects;
  return (
    <Modal
      open={open}
      title={preview ? t('sanction.confirm.title') : t('sanction.decide')}
      onCancel={preview ? () => setPreview(null) : close}
      width={720}
      destroyOnHidden
      footer={
        preview
          ? [
              <Button key="back" onClick={() => setPreview(null)}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="ok"
                type="primary"
                danger
                loading={busy}
                disabled={!!eff?.refusal}
                onClick={decide}
                data-testid="sanction-confirm"
              >
                {t('sanction.confirm.ok')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="next"
                type="primary"
                loading={busy}
                onClick={() => form.submit()}
                data-testid="sanction-review"
              >
                {t('common.confirm')}
              </Button>,
            ]
      }
    >
      {eff && preview && (
        <div data-testid="sanction-preview">
          {eff.refusal ? (
            <Alert type="error" showIcon title={eff.refusal[locale]} />
          ) : (
            <>
              <Typography.Paragraph strong>{t('sanction.confirm.intro')}</Typography.Paragraph>
              <Typography.Paragraph>
                {t('sanction.confirm.status', {
                  name: eff.operatorName,
                  after: t(`operator.status.${eff.qualificationAfter}`),
                })}
              </Typography.Paragraph>
              {eff.engagementsEnded.length > 0 ? (
                <>
                  <Typography.Paragraph>
                    {t('sanction.confirm.engagements', { count: eff.engagementsEnded.length })}
                  </Typography.Paragraph>
                  <ul>
                    {eff.engagementsEnded.map((e) => (
                      <li key={e.engagementId}>{e.centreName}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <Typography.Paragraph type="secondary">{t('sanction.noEngagement')}</Typography.Paragraph>
              )}
              {!eff.recoveryCalledFor ? (
                <Typography.Paragraph type="secondary">{t('sanction.recoveryNotCalled')}</Typography.Paragraph>
              ) : eff.recoveries.length > 0 ? (
                <>
                  <Typography.Paragraph>
                    {t('sanction.confirm.recoveries', {
                      count: eff.recoveries.length,
                      total: formatFen(eff.recoveryTotalFen, locale),
                    })}
                  </Typography.Paragraph>
                  <ul>
                    {eff.recoveries.map((r) => (
                      <li key={r.paymentId}>
                        {r.centreName} · {r.year} · {formatFen(r.dueFen, locale)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <Typography.Paragraph type="secondary">{t('sanction.noRecovery')}</Typography.Paragraph>
              )}
            </>
          )}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={review}
        style={{ display: preview ? 'none' : undefined }}
        initialValues={{
          kind: 'disqualification',
          grounds: [],
          decidedOn: dayjs(todayInBeijing()),
          effectiveOn: dayjs(todayInBeijing()),
        }}
        onValuesChange={(changed) => {
          if ('kind' in changed) form.setFieldValue('grounds', changed.kind === 'blacklist' ? ['14'] : []);
        }}
      >
        <Form.Item
          name="operatorId"
          label={t('sanction.operator')}
          rules={[{ required: true, message: t('sanction.selectOperator') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('sanction.selectOperator')}
            loading={operators.isLoading}
            options={(operators.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${o.creditCode}）`,
              disabled: o.qualificationStatus === 'blacklisted',
            }))}
            data-testid="sanction-operator"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('sanction.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['disqualification', 'blacklist'] as const).map((k) => ({
              value: k,
              label: t(`sanction.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="grounds"
          label={t('sanction.grounds')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.selectRequired', { field: t('sanction.grounds') }),
            },
          ]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {DECIDABLE_GROUNDS[kind].map((g) => (
              <Checkbox key={g} value={g} data-testid={`sanction-ground-${g}`}>
                <strong>{SANCTION_GROUND_NAMES[g].article}</strong> {SANCTION_GROUND_NAMES[g][locale]}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="facts"
          label={t('sanction.facts')}
          rules={[{ required: true, min: 10, whitespace: true, message: t('sanction.factsPlaceholder') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('sanction.factsPlaceholder')} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="decidedOn"
            label={t('sanction.decidedOn')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(todayInBeijing()), 'day')} />
          </Form.Item>
          <Form.Item
            name="effectiveOn"
            label={t('sanction.effectiveOn')}
            dependencies={['decidedOn']}
            style={{ flex: 1, minWidth: 200 }}
            rules={[
              { required: true },
              {
                validator: async (_r, value: Dayjs | undefined) => {
                  const decided: Dayjs | undefined = form.getFieldValue('decidedOn');
                  if (value && decided && value.isBefore(decided, 'day')) {
                    throw new Error(`${t('sanction.effectiveOn')} ≥ ${t('sanction.decidedOn')}`);
                  }
                },
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(todayInBeijing()), 'day')} />
          </Form.Item>
        </div>
        <Form.Item label={t('sanction.evidence')} extra={t('sanction.evidenceHint')}>
          <Upload
            multiple
            accept={ATTACHMENT_ACCEPT}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
            beforeUpload={(file) => {
              setFiles((fs) => [...fs, file]);
              return false;
            }}
            onRemove={(f) => setFiles((fs) => fs.filter((_, i) => String(i) !== f.uid))}
          >
            <Button icon={<UploadOutlined />}>{t('sanction.evidence')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
