import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FUND_USE_FLAG_NAMES, type TFundUseReport, type TFundUseTarget } from '../../../../contracts/funding-payments';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, formatFen, yuanToFen } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { exportUrl } from '../../../request';
import { errorMessage } from '../../../request-error';
import { useFundUseReports, useFundUseTargets, useReportFundUse } from '../shared/payments-api';

const OUTSIDE = '__outside__';
const ORANGE = '#d46b08';

/**
 * 资金使用报告 (Art. 11 专款专用): the operator reports how it used its funds, line by line, against the fund-use lines
 * of its tripartite agreement; spending outside them, and use reported above what was paid, are flagged in orange
 * with the reason. The city, the county and the province read the reports of their region here.
 */
export function FundUsePage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const mayReport = can('funding.reportUse');
  const wide = Grid.useBreakpoint().md !== false;
  const [flagged, setFlagged] = useState<'true' | undefined>();
  const [page, setPage] = useState(1);
  const reports = useFundUseReports({ flagged, page, pageSize: 20 });
  const targets = useFundUseTargets(mayReport);

  const columns: TableColumnsType<TFundUseReport> = [
    { title: t('funding.col.year'), dataIndex: 'year', width: 70 },
    {
      title: t('funding.col.centre'),
      key: 'centre',
      width: 240,
      render: (_, r) => (
        <>
          {r.centreName}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.operatorName}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('funding.use.lines'),
      key: 'lines',
      render: (_, r) => <ReportLines report={r} />,
    },
    {
      title: t('funding.use.total'),
      key: 'total',
      width: 200,
      render: (_, r) => (
        <>
          <div>{formatFen(r.totalFen, locale)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('funding.use.toDateVsPaid', {
              reported: formatFen(r.reportedToDateFen, locale),
              paid: formatFen(r.paidFen, locale),
            })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('funding.use.flags'),
      key: 'flags',
      width: 220,
      render: (_, r) =>
        r.flags.length === 0 ? (
          <Tag color="green">{t('funding.use.noFlag')}</Tag>
        ) : (
          r.flags.map((f) => (
            <Tag key={f} color="orange" style={{ whiteSpace: 'normal', marginBottom: 4 }}>
              {FUND_USE_FLAG_NAMES[f][locale]}
            </Tag>
          ))
        ),
    },
    {
      title: t('funding.use.submitted'),
      key: 'submitted',
      width: 160,
      render: (_, r) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {formatDateTime(r.submittedAt)}
          <br />
          {r.submittedByName ?? ''}
        </Typography.Text>
      ),
    },
  ];

  // On a phone one column holds the centre, the lines and the flags, so that nothing flagged is off-screen.
  const narrow: TableColumnsType<TFundUseReport> = [
    {
      title: t('funding.use.lines'),
      key: 'all',
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          <Typography.Text strong>
            {r.year} · {r.centreName}
          </Typography.Text>
          <ReportLines report={r} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('funding.use.toDateVsPaid', {
              reported: formatFen(r.reportedToDateFen, locale),
              paid: formatFen(r.paidFen, locale),
            })}
          </Typography.Text>
          {r.flags.map((f) => (
            <Tag key={f} color="orange" style={{ whiteSpace: 'normal' }}>
              {FUND_USE_FLAG_NAMES[f][locale]}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="fund-use-page">
      {mayReport &&
        (targets.data?.items ?? []).map((target) => <ReportForm key={target.entitlementId} target={target} />)}
      {mayReport && targets.data?.items.length === 0 && (
        <Alert type="info" showIcon title={t('funding.use.noTargets')} />
      )}
      <Card title={t('funding.use.listTitle')}>
        <Space wrap size={8} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('funding.use.flags')}
            aria-label={t('funding.use.flags')}
            style={{ width: 160 }}
            value={flagged}
            options={[{ value: 'true', label: t('funding.use.onlyFlagged') }]}
            onChange={(v?: 'true') => {
              setPage(1);
              setFlagged(v);
            }}
          />
          <Button href={exportUrl('/api/funding/use-reports', { flagged })} data-testid="export-xlsx">
            {t('common.export')}
          </Button>
        </Space>
        <Table<TFundUseReport>
          rowKey="id"
          size="small"
          loading={reports.isPending}
          columns={wide ? columns : narrow}
          dataSource={reports.data?.items ?? []}
          onRow={rowTestId('use-report')}
          locale={{ emptyText: t('funding.use.none') }}
          scroll={wide ? { x: 1060 } : undefined}
          pagination={{
            current: page,
            pageSize: 20,
            total: reports.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </Card>
    </Space>
  );
}

interface LineValues {
  item: string;
  description: string;
  amountYuan: number;
  spentOn: Dayjs;
}

/** One entitlement: what was paid and reported, the agreement's lines, and the form that reports more use. */
function ReportForm({ target }: { target: TFundUseTarget }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: LineValues[]; note?: string }>();
  const report = useReportFundUse();
  const lines = Form.useWatch('lines', form) ?? [];
  const itemOptions = [
    ...target.fundLines.map((l) => ({ value: l.item, label: l.item })),
    { value: OUTSIDE, label: t('funding.use.outside') },
  ];
  return (
    <Card
      size="small"
      title={t('funding.use.formTitle', { year: target.year, centre: target.centreName })}
      data-testid="fund-use-form"
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('funding.use.entitled')}>{formatFen(target.amountFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('funding.use.paid')}>{formatFen(target.paidFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('funding.use.reported')}>{formatFen(target.reportedFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('funding.use.agreement')} span={3}>
          {target.agreementNumber ?? '—'} · {target.fundLines.map((l) => l.item).join('、') || t('funding.use.noLines')}
        </Descriptions.Item>
      </Descriptions>
      {report.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(report.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ lines: [{ spentOn: dayjs() }] }}
        onFinish={(v) =>
          report.mutate(
            {
              entitlementId: target.entitlementId,
              lines: v.lines.map((l) => ({
                fundLineItem: l.item === OUTSIDE ? null : l.item,
                description: l.description.trim(),
                amountFen: yuanToFen(l.amountYuan),
                spentOn: l.spentOn.format('YYYY-MM-DD'),
              })),
              note: v.note?.trim() || undefined,
            },
            {
              onSuccess: () => {
                message.success(t('funding.use.reportedOk'));
                form.resetFields();
              },
            },
          )
        }
      >
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start" size={8} style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'item']}
                    rules={[{ required: true, message: t('common.selectRequired', { field: t('funding.use.item') }) }]}
                    help={
                      lines[field.name]?.item === OUTSIDE ? (
                        <span style={{ color: ORANGE }}>{FUND_USE_FLAG_NAMES.outside_scope[locale]}</span>
                      ) : undefined
                    }
                  >
                    <Select
                      placeholder={t('funding.use.item')}
                      aria-label={t('funding.use.item')}
                      style={{ width: 200 }}
                      options={itemOptions}
                      data-testid="use-item"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        min: 2,
                        message: t('common.required', { field: t('funding.use.description') }),
                      },
                    ]}
                  >
                    <Input placeholder={t('funding.use.description')} maxLength={300} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amountYuan']}
                    rules={[
                      { required: true, message: t('common.required', { field: t('funding.payment.amountYuan') }) },
                    ]}
                  >
                    <InputNumber
                      placeholder={t('funding.payment.amountYuan')}
                      min={0.01}
                      max={21_474_836.47}
                      precision={2}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'spentOn']}
                    rules={[
                      { required: true, message: t('common.selectRequired', { field: t('funding.use.spentOn') }) },
                    ]}
                  >
                    <DatePicker
                      placeholder={t('funding.use.spentOn')}
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('funding.use.removeLine')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ spentOn: dayjs() })}
                disabled={fields.length >= 200}
                style={{ marginBottom: 12 }}
              >
                {t('funding.use.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('funding.use.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="submit-use-report">
          {t('funding.use.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The lines of a report; a flagged one in orange with the reason under it. */
function ReportLines({ report: r }: { report: TFundUseReport }) {
  const { t, locale } = useLocale();
  return (
    <Space orientation="vertical" size={2}>
      {r.lines.map((l, i) => (
        <Typography.Text
          // Lines have no id of their own: their place in the report is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          style={l.flag ? { color: ORANGE } : undefined}
          data-testid={l.flag ? 'flagged-line' : 'use-line'}
        >
          {l.fundLineItem ?? t('funding.use.outside')} · {l.description} · {formatFen(l.amountFen, locale)} ·{' '}
          {formatDate(l.spentOn, locale)}
          {l.flag && <div style={{ fontSize: 12 }}>{FUND_USE_FLAG_NAMES[l.flag][locale]}</div>}
        </Typography.Text>
      ))}
    </Space>
  );
}
