import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Grid,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import type { TEntitlementStatus } from '../../../../../contracts/funding';
import type {
  TPreviewEntitlementRow,
  TPreviewGradeRow,
  TPreviewVerdictRow,
} from '../../../../../contracts/policy-draft';
import { useLocale } from '../../../../i18n';
import { formatDate, formatYuan } from '../../../../lib/format';
import { exportUrl } from '../../../../request';
import { GradeTag } from '../../../assessment/shared/GradeTag';
import { usePreview } from './draft-api';

/** Changed rows stand out: a warm background and a 有变化 tag in the first column. */
const CHANGED_ROW = { style: { background: '#fff7e6' } };
const STATUS_COLOURS: Record<TEntitlementStatus, string> = {
  ineligible: 'default',
  awaiting_grade: 'processing',
  due: 'green',
  withheld: 'red',
};

/**
 * 预览影响 (Art. 16): the draft against today's data beside the version in force — venue and staffing verdicts of
 * every recognised centre (Art. 6, 7), the latest year's entitlements (Art. 11) and grades (Art. 12) — with the
 * number that would change on top and the whole as .xlsx. Reading it changes nothing.
 */
export function DraftPreview({ draftId, draftVersion }: { draftId: number; draftVersion: number }) {
  const { t, locale } = useLocale();
  const preview = usePreview(draftId, draftVersion, true);
  // On a phone the two versions go under the centre's name, so that the comparison is not off-screen.
  const wide = Grid.useBreakpoint().md !== false;
  const p = preview.data;
  const v = p ? t('policy.versionNo', { version: p.inForceVersion }) : '';
  const d = t('policyDraft.draft');
  const yuan = (fen: number) => formatYuan(fen / 100, locale);

  type Head = { centreName: string; cityName: string; countyName: string; changed: boolean };
  const centre = <T extends Head>(below?: (r: T) => ReactNode) => ({
    title: t('policyDraft.preview.centre'),
    key: 'centre',
    render: (_: unknown, r: T) => (
      <Space direction="vertical" size={0}>
        <Space size={4} wrap>
          <Typography.Text strong>{r.centreName}</Typography.Text>
          {r.changed && <Tag color="orange">{t('policyDraft.preview.changed')}</Tag>}
        </Space>
        <Typography.Text type="secondary">{`${r.cityName} · ${r.countyName}`}</Typography.Text>
        {!wide && below && <div style={{ marginTop: 4 }}>{below(r)}</div>}
      </Space>
    ),
  });
  /** The two versions one under the other, labelled (the phone layout). */
  const pair = (a: ReactNode, b: ReactNode) => (
    <Space direction="vertical" size={2}>
      <Space size={4}>
        <Typography.Text type="secondary">{v}</Typography.Text>
        {a}
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{d}</Typography.Text>
        {b}
      </Space>
    </Space>
  );
  const verdict = (side: TPreviewVerdictRow['inForce'], inline = false) => (
    <Space direction={inline ? 'horizontal' : 'vertical'} size={0} wrap>
      <Tag color={side.ok ? 'green' : 'red'}>
        {side.ok ? t('policyDraft.preview.meets') : t('policyDraft.preview.fails')}
      </Tag>
      <Typography.Text type="secondary">{t('policyDraft.preview.required', { value: side.required })}</Typography.Text>
    </Space>
  );
  const verdictColumns = (actual: string): TableColumnsType<TPreviewVerdictRow> =>
    wide
      ? [
          centre<TPreviewVerdictRow>(),
          { title: actual, dataIndex: 'actual', width: 130 },
          { title: v, key: 'inForce', width: 150, render: (_: unknown, r) => verdict(r.inForce) },
          { title: d, key: 'draft', width: 150, render: (_: unknown, r) => verdict(r.draft) },
        ]
      : [
          centre<TPreviewVerdictRow>((r) => (
            <Space direction="vertical" size={2}>
              <Typography.Text>{`${actual}：${r.actual}`}</Typography.Text>
              {pair(verdict(r.inForce, true), verdict(r.draft, true))}
            </Space>
          )),
        ];
  const money = (side: TPreviewEntitlementRow['inForce'], inline = false) => (
    <Space direction={inline ? 'horizontal' : 'vertical'} size={4}>
      <Typography.Text strong>{yuan(side.amountFen)}</Typography.Text>
      <Tag color={STATUS_COLOURS[side.status]}>{t(`policyDraft.entitlement.${side.status}`)}</Tag>
    </Space>
  );
  const entitlementColumns: TableColumnsType<TPreviewEntitlementRow> = wide
    ? [
        centre<TPreviewEntitlementRow>(),
        { title: t('policyDraft.preview.operator'), dataIndex: 'operatorName' },
        {
          title: t('policyDraft.preview.grade'),
          dataIndex: 'grade',
          width: 90,
          render: (g: TPreviewEntitlementRow['grade']) => (g ? <GradeTag grade={g} /> : '—'),
        },
        { title: v, key: 'inForce', width: 140, render: (_: unknown, r) => money(r.inForce) },
        { title: d, key: 'draft', width: 140, render: (_: unknown, r) => money(r.draft) },
      ]
    : [
        centre<TPreviewEntitlementRow>((r) => (
          <Space direction="vertical" size={2}>
            <Typography.Text>{r.operatorName}</Typography.Text>
            {r.grade && <GradeTag grade={r.grade} />}
            {pair(money(r.inForce, true), money(r.draft, true))}
          </Space>
        )),
      ];
  const gradeColumns: TableColumnsType<TPreviewGradeRow> = wide
    ? [
        centre<TPreviewGradeRow>(),
        { title: t('policyDraft.preview.total'), dataIndex: 'total', width: 80 },
        {
          title: t('policyDraft.preview.published'),
          dataIndex: 'publishedGrade',
          width: 100,
          render: (g: TPreviewGradeRow['publishedGrade']) => <GradeTag grade={g} />,
        },
        {
          title: v,
          dataIndex: 'inForce',
          width: 90,
          render: (g: TPreviewGradeRow['inForce']) => <GradeTag grade={g} />,
        },
        { title: d, dataIndex: 'draft', width: 90, render: (g: TPreviewGradeRow['draft']) => <GradeTag grade={g} /> },
      ]
    : [
        centre<TPreviewGradeRow>((r) => (
          <Space direction="vertical" size={2}>
            <Typography.Text>{`${t('policyDraft.preview.total')}：${r.total}`}</Typography.Text>
            {pair(<GradeTag grade={r.inForce} />, <GradeTag grade={r.draft} />)}
          </Space>
        )),
      ];
  const table = <T extends { centreId: number; changed: boolean }>(
    testId: string,
    columns: TableColumnsType<T>,
    rows: T[] | undefined,
    rowKey: (r: T) => string,
    empty: string = t('policyDraft.preview.nothing'),
  ) => (
    <Table<T>
      size="small"
      rowKey={rowKey}
      data-testid={testId}
      loading={preview.isPending}
      columns={columns}
      dataSource={rows ?? []}
      pagination={rows && rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      onRow={(r) => (r.changed ? CHANGED_ROW : {})}
      locale={{ emptyText: empty }}
    />
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={t('policyDraft.preview.note', {
          day: p ? formatDate(p.today, locale) : '',
          version: p?.inForceVersion ?? '',
        })}
        action={
          <Button
            icon={<DownloadOutlined />}
            href={exportUrl(`/api/policy/drafts/${draftId}/preview`, {})}
            data-testid="policy-preview-export"
          >
            {t('common.export')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        {(
          [
            ['venueChanged', 'venue'],
            ['staffingChanged', 'staffing'],
            ['entitlementsChanged', 'entitlements'],
            ['gradesChanged', 'grades'],
          ] as const
        ).map(([count, label]) => (
          <Col xs={12} md={6} key={count}>
            <Card size="small">
              <Statistic
                title={t(`policyDraft.preview.count.${label}`)}
                value={p?.counts[count] ?? 0}
                suffix={label === 'venue' || label === 'staffing' ? `/ ${p?.counts.centres ?? 0}` : undefined}
                valueStyle={p && p.counts[count] > 0 ? { color: '#d46b08' } : undefined}
                loading={preview.isPending}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('policyDraft.preview.venue')}>
        {table('preview-venue', verdictColumns(t('policyDraft.preview.actualArea')), p?.venue, (r) =>
          String(r.centreId),
        )}
      </Card>
      <Card size="small" title={t('policyDraft.preview.staffing')}>
        {table('preview-staffing', verdictColumns(t('policyDraft.preview.actualStaff')), p?.staffing, (r) =>
          String(r.centreId),
        )}
      </Card>
      <Card size="small" title={t('policyDraft.preview.entitlements', { year: p?.entitlementYear ?? '—' })}>
        {table('preview-entitlements', entitlementColumns, p?.entitlements, (r) => `${r.centreId}-${r.operatorId}`)}
      </Card>
      <Card size="small" title={t('policyDraft.preview.grades', { year: p?.gradeYear ?? '—' })}>
        {table('preview-grades', gradeColumns, p?.grades, (r) => String(r.centreId))}
      </Card>
    </Space>
  );
}
