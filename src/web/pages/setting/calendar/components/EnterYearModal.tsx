import { InboxOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, Row, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type {
  TCalendarImportPreview,
  TEnterCalendarYearRequest,
  TEnterCalendarYearResponse,
} from '../../../../../contracts/calendar';
import { useLocale } from '../../../../i18n';
import { api } from '../../../../request';
import { errorMessage, showFieldErrors } from '../../../../request-error';
import { ActionModal } from '../../../centre/detail/components/ActionModal';

interface Values {
  noticeTitle: string;
  noticeNumber: string;
  noticeIssuedOn: Dayjs;
  holidays: { name: string; range: [Dayjs, Dayjs] }[];
  workdays: { day: Dayjs; name?: string }[];
  replaceReason?: string;
}

const DAY = 'YYYY-MM-DD';

/**
 * 录入/替换某年节假日安排: the notice (title, number, date), the holidays as date ranges and the 调休 make-up working
 * days; an .ics file can fill the lists first (the server reads it and shows what it found, nothing is stored until
 * 保存). Replacing a year already entered asks why.
 */
export function EnterYearModal({ year, replace, onClose }: { year: number; replace: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const [preview, setPreview] = useState<TCalendarImportPreview | null>(null);
  const [importedFrom, setImportedFrom] = useState<string | undefined>();

  const save = useMutation({
    mutationFn: (body: TEnterCalendarYearRequest) =>
      api.put<TEnterCalendarYearResponse>(`/api/calendar/years/${year}`, body),
    onSuccess: async (saved) => {
      message.success(
        `${t('calendar.saved', { year })}${saved.recomputed.length ? `；${t('calendar.recomputed', { n: saved.recomputed.length })}` : ''}`,
      );
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onClose();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error, { CALENDAR_YEAR_ENTERED: 'replaceReason' })) setRefusal(error);
    },
  });

  const readIcs = useMutation({
    mutationFn: async (file: File) =>
      api.post<TCalendarImportPreview>('/api/calendar/import-preview', { year, ics: await file.text() }),
    onSuccess: (p, file) => {
      setPreview(p);
      setRefusal(null);
      setImportedFrom(file.name);
      form.setFieldsValue({
        holidays: p.holidays.map((h) => ({ name: h.name, range: [dayjs(h.from), dayjs(h.to)] })),
        workdays: p.workdays.map((w) => ({ day: dayjs(w.day), name: w.name ?? undefined })),
      });
    },
    onError: (error) => {
      setPreview(null);
      setRefusal(error);
    },
  });

  const onFinish = (v: Values) => {
    setRefusal(null);
    save.mutate({
      notice: { title: v.noticeTitle.trim(), number: v.noticeNumber.trim(), issuedOn: v.noticeIssuedOn.format(DAY) },
      holidays: (v.holidays ?? []).map((h) => ({
        name: h.name.trim(),
        from: h.range[0].format(DAY),
        to: h.range[1].format(DAY),
      })),
      workdays: (v.workdays ?? []).map((w) => ({ day: w.day.format(DAY), name: w.name?.trim() || null })),
      ...(replace ? { replaceReason: v.replaceReason?.trim() } : {}),
      ...(importedFrom ? { importedFrom } : {}),
    });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const requiredDate = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const holidayDays = preview?.holidays.reduce(
    (n, h) => n + Math.round((Date.parse(h.to) - Date.parse(h.from)) / 86_400_000) + 1,
    0,
  );
  return (
    <ActionModal
      title={t(replace ? 'calendar.replaceTitle' : 'calendar.enterTitle', { year })}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={save.isPending}
      refusal={refusal}
      confirmText={t('common.save')}
      confirmTestId="calendar-submit"
      width={760}
    >
      <Upload.Dragger
        accept=".ics,text/calendar"
        showUploadList={false}
        beforeUpload={(file) => {
          readIcs.mutate(file);
          return false;
        }}
        data-testid="calendar-ics"
        style={{ marginBottom: 12 }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('calendar.importIcs')}</p>
        <p className="ant-upload-hint" style={{ padding: '0 12px' }}>
          {t('calendar.importHelp')}
        </p>
      </Upload.Dragger>
      {preview && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-preview"
          title={t('calendar.importPreview', {
            year,
            holidays: preview.holidays.length,
            days: holidayDays ?? 0,
            workdays: preview.workdays.length,
          })}
          description={
            preview.ignored.length ? t('calendar.importIgnored', { events: preview.ignored.join('；') }) : undefined
          }
        />
      )}
      {readIcs.isError && !refusal && <Alert type="error" title={errorMessage(readIcs.error)} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ holidays: [{ name: '元旦' }], workdays: [] }}
        data-testid="calendar-form"
      >
        <Form.Item name="noticeTitle" label={t('calendar.noticeTitle')} rules={[required(t('calendar.noticeTitle'))]}>
          <Input placeholder={t('calendar.noticeTitlePlaceholder', { year })} maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="noticeNumber"
              label={t('calendar.noticeNumber')}
              rules={[required(t('calendar.noticeNumber'))]}
            >
              <Input placeholder={t('calendar.noticeNumberPlaceholder', { prev: year - 1 })} maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="noticeIssuedOn"
              label={t('calendar.noticeIssuedOn')}
              rules={[requiredDate(t('calendar.noticeIssuedOn'))]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('calendar.holidays')}
        </Divider>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top" wrap={false}>
                  <Col flex="120px">
                    <Form.Item name={[f.name, 'name']} rules={[required(t('calendar.holidayName'))]}>
                      <Input placeholder={t('calendar.holidayName')} maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'range']} rules={[requiredDate(t('calendar.range'))]}>
                      <DatePicker.RangePicker
                        style={{ width: '100%' }}
                        defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                {t('calendar.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>
          {t('calendar.workdays')}
        </Divider>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top" wrap={false}>
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'day']} rules={[requiredDate(t('calendar.workday'))]}>
                      <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(`${year}-01-01`)} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={t('calendar.workdayFor')} maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                {t('calendar.addWorkday')}
              </Button>
            </>
          )}
        </Form.List>
        {replace && (
          <>
            <Divider />
            <Form.Item
              name="replaceReason"
              label={t('calendar.replaceReason')}
              extra={t('calendar.replaceReasonHelp')}
              rules={[required(t('calendar.replaceReason'))]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </ActionModal>
  );
}
