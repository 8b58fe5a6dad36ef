import { EnvironmentOutlined, PhoneOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TPublicCentre } from '../../../../../contracts/centre';
import { SERVICE_SUB_ITEMS } from '../../../../../contracts/service-catalogue';
import { SERVICE_CATEGORIES, type TServiceCategory } from '../../../../../contracts/service-category';
import type { TRequestServiceRequest, TServiceRecordDetail } from '../../../../../contracts/service-record';
import { ATTACHMENT_ACCEPT } from '../../../../components/attachment-files';
import { useLocale } from '../../../../i18n';
import { api } from '../../../../request';
import { errorMessage, handleApiError, showFieldErrors } from '../../../../request-error';
import { uploadServiceAttachment } from '../../../service/shared/service-api';
import { MY_SERVICES_KEY } from '../../shared/api';
import { categoryName } from '../../shared/labels';

/** The server refuses larger files (413); saying so before the upload saves a phone user the wait. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface RequestFormValues {
  centreId?: number;
  category?: TServiceCategory;
  subItem?: string;
  requestText?: string;
}

interface RequestFormProps {
  /** Operating centres only. */
  centres: TPublicCentre[];
  initialCentreId?: number;
}

export function RequestForm({ centres, initialCentreId }: RequestFormProps) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RequestFormValues>();
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const centreId = Form.useWatch('centreId', form);
  const category = Form.useWatch('category', form);
  const centre = centres.find((c) => c.id === centreId);
  // The centre's declared services, in the order of Art. 5.
  const categories = SERVICE_CATEGORIES.filter((c) => centre?.services.includes(c));

  const submit = useMutation({
    mutationFn: (body: TRequestServiceRequest) => api.post<TServiceRecordDetail>('/api/service-records/requests', body),
    meta: { silent: true },
    onError: (error) => {
      if (!showFieldErrors(form, error)) handleApiError(error);
    },
    onSuccess: async (record) => {
      // The record exists now: a file that fails is reported, and can be sent again from the record's page.
      setUploading(true);
      for (const file of files) {
        try {
          await uploadServiceAttachment(record.id, file);
        } catch (error) {
          message.warning(t('myService.new.uploadFailed', { name: file.name, reason: errorMessage(error) }));
        }
      }
      setUploading(false);
      message.success(t('myService.new.submitted'));
      await queryClient.invalidateQueries({ queryKey: MY_SERVICES_KEY });
      await navigate(`/my/services/${record.id}`, { replace: true });
    },
  });

  const onFinish = (values: RequestFormValues) => {
    if (!values.centreId || !values.category || !values.subItem || !values.requestText) return;
    submit.mutate({
      centreId: values.centreId,
      category: values.category,
      subItem: values.subItem,
      requestText: values.requestText.trim(),
    });
  };

  const required = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });

  return (
    <Form<RequestFormValues>
      form={form}
      layout="vertical"
      initialValues={{ centreId: initialCentreId }}
      onFinish={onFinish}
      onValuesChange={(changed: RequestFormValues) => {
        // A category belongs to one centre's offer and a sub-item to one category: clear what no longer fits.
        if ('centreId' in changed) form.setFieldsValue({ category: undefined, subItem: undefined });
        if ('category' in changed) form.setFieldsValue({ subItem: undefined });
      }}
    >
      <Form.Item
        name="centreId"
        label={t('myService.field.centre')}
        rules={[required(t('myService.field.centre'))]}
        extra={
          centre && (
            <div style={{ marginTop: 4 }} data-testid="request-centre-contact">
              <div>
                <EnvironmentOutlined style={{ marginInlineEnd: 6 }} />
                {centre.cityName} · {centre.countyName} · {centre.address}
              </div>
              <a href={`tel:${centre.contactPhone.replace(/[^0-9+]/g, '')}`}>
                <PhoneOutlined style={{ marginInlineEnd: 6 }} />
                {centre.contactPerson} {centre.contactPhone}
              </a>
            </div>
          )
        }
      >
        <Select
          showSearch={{ optionFilterProp: 'search' }}
          placeholder={t('myService.new.centrePlaceholder')}
          data-testid="request-centre"
          options={centres.map((c) => ({
            value: c.id,
            label: c.name,
            search: `${c.name} ${c.cityName} ${c.countyName} ${c.parkName}`,
            place: `${c.cityName} · ${c.countyName}`,
          }))}
          optionRender={(option) => (
            <div style={{ whiteSpace: 'normal', lineHeight: 1.4, paddingBlock: 2 }}>
              <div>{option.data.label}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {option.data.place}
              </Typography.Text>
            </div>
          )}
        />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('myService.field.category')}
        rules={[required(t('myService.field.category'))]}
      >
        <Select
          disabled={!centre}
          placeholder={t(centre ? 'myService.new.categoryPlaceholder' : 'myService.new.chooseCentreFirst')}
          data-testid="request-category"
          options={categories.map((c) => ({ value: c, label: categoryName(c, locale) }))}
        />
      </Form.Item>
      <Form.Item name="subItem" label={t('myService.field.subItem')} rules={[required(t('myService.field.subItem'))]}>
        <Select
          disabled={!category}
          placeholder={t('myService.new.subItemPlaceholder')}
          data-testid="request-sub-item"
          options={(category ? SERVICE_SUB_ITEMS[category] : []).map((s) => ({ value: s.key, label: s[locale] }))}
          optionRender={(option) => <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>{option.label}</div>}
        />
      </Form.Item>
      <Form.Item
        name="requestText"
        label={t('myService.field.requestText')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('myService.field.requestText') }),
          },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          rows={5}
          maxLength={2000}
          showCount
          placeholder={t('myService.new.requestPlaceholder')}
          data-testid="request-text"
        />
      </Form.Item>
      <Form.Item label={t('myService.new.files')} extra={t('attachment.hint')}>
        <Upload
          multiple
          accept={ATTACHMENT_ACCEPT}
          fileList={files.map((f, i) => ({ uid: `${i}-${f.name}`, name: f.name, status: 'done' as const }))}
          beforeUpload={(file) => {
            if (file.size > MAX_FILE_BYTES) {
              message.error(`${file.name}: ${t('attachment.hint')}`);
            } else {
              setFiles((previous) => [...previous, file]);
            }
            return false;
          }}
          onRemove={(removed) => {
            setFiles((previous) => previous.filter((f, i) => `${i}-${f.name}` !== removed.uid));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="request-files">
            {t('myService.new.pickFiles')}
          </Button>
        </Upload>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={submit.isPending || uploading}
        data-testid="request-submit"
      >
        {t(uploading ? 'attachment.uploading' : 'myService.new.submit')}
      </Button>
    </Form>
  );
}
