import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { TCreateParkRequest, TPark, TUpdateParkRequest } from '../../../../../contracts/park';
import { PARK_KINDS, PARK_LEVELS } from '../../../../../contracts/park';
import { useT } from '../../../../i18n';
import { countyOptions, useCities, useCounties } from '../../../../lib/regions';
import { ApiError, api } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';

interface ParkFormValues extends TCreateParkRequest {
  /** Only narrows the county list; the server derives the city from the county. */
  cityCode?: string;
}

interface ParkFormModalProps {
  open: boolean;
  /** The park being edited; absent when adding one. */
  park: TPark | null;
  onClose: () => void;
}

/** 新增/编辑开发区（园区）. Editing sends the version it loaded, so a concurrent change is refused with 409. */
export function ParkFormModal({ open, park, onClose }: ParkFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ParkFormValues>();
  const cityCode = Form.useWatch('cityCode', form);
  const cities = useCities();
  const counties = useCounties(cityCode);
  const city = cities.data?.find((c) => c.code === cityCode);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (park) {
      form.setFieldsValue({
        name: park.name,
        kind: park.kind,
        level: park.level,
        cityCode: park.cityCode,
        countyCode: park.countyCode,
      });
    }
  }, [open, park, form]);

  const save = useMutation({
    mutationFn: ({ cityCode: _city, ...body }: ParkFormValues) =>
      park
        ? api.patch<TPark>(`/api/parks/${park.id}`, { ...body, version: park.version } satisfies TUpdateParkRequest)
        : api.post<TPark>('/api/parks', body),
    onSuccess: (saved) => {
      message.success(t(park ? 'parks.updated' : 'parks.created', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: ['parks'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      onClose();
    },
    onError: (error) => {
      showFieldErrors(form, error, { PARK_NAME_TAKEN: 'name', REGION_NOT_COUNTY: 'countyCode' });
      // Someone else saved first: reload the list so that the next edit starts from their version.
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: ['parks'] });
        onClose();
      }
    },
  });

  const onCityChange = (code: string | undefined) => {
    const chosen = cities.data?.find((c) => c.code === code);
    form.setFieldValue('countyCode', chosen && chosen.childCount === 0 ? chosen.code : undefined);
  };

  const required = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  return (
    <Modal
      title={t(park ? 'parks.editTitle' : 'parks.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="park-form">
        <Form.Item
          name="name"
          label={t('parks.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('parks.name') }) },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('parks.kind')} rules={[required(t('parks.kind'))]}>
          <Select options={PARK_KINDS.map((k) => ({ value: k, label: t(`park.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('parks.level')} rules={[required(t('parks.level'))]}>
          <Select options={PARK_LEVELS.map((l) => ({ value: l, label: t(`park.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="cityCode" label={t('parks.city')} rules={[required(t('parks.city'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={cities.isPending}
            onChange={onCityChange}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="countyCode"
          label={t('parks.county')}
          extra={t('parks.countyHint')}
          rules={[required(t('parks.county'))]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!cityCode}
            loading={counties.isFetching}
            options={countyOptions(city, counties.data)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
