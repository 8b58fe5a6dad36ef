import { Card, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import {
  EVIDENCE_KINDS,
  MATERIAL_KINDS,
  REQUIRED_MATERIALS,
  type TEngagementDetail,
  type TEngagementFileKind,
} from '../../../../../contracts/engagement';
import { useT } from '../../../../i18n';
import { AttachmentLink } from '../../../centre/detail/components/attachments/AttachmentLink';
import { FilePickButton } from './FilePickButton';

interface Row {
  kind: TEngagementFileKind;
  /** 1–7 for the materials of Art. 10(二); none for evidence. */
  n: number | null;
}

const ROWS: Row[] = [
  ...MATERIAL_KINDS.map((kind, i) => ({ kind, n: i + 1 })),
  ...EVIDENCE_KINDS.map((kind) => ({ kind, n: null })),
];

/**
 * Art. 10(二): the seven application materials (the seventh optional) and the other files of the engagement — the
 * eligibility evidence, the tender record, the signed agreement. Missing required materials are marked 缺; the city
 * cannot report the engagement until none is.
 */
export function MaterialsCard({ engagement, canUpload }: { engagement: TEngagementDetail; canUpload: boolean }) {
  const t = useT();
  const missing = new Set<TEngagementFileKind>(engagement.missingMaterials);
  const filesOf = (kind: TEngagementFileKind) => engagement.attachments.filter((a) => a.kind === kind);
  const required = new Set<TEngagementFileKind>(REQUIRED_MATERIALS);

  return (
    <Card
      size="small"
      title={t('engagement.materials.title')}
      data-testid="engagement-materials"
      extra={
        <Tag color={missing.size === 0 ? 'green' : 'red'} data-testid="materials-summary">
          {missing.size === 0
            ? t('engagement.materials.complete')
            : t('engagement.materials.missingCount', { n: missing.size })}
        </Tag>
      }
    >
      <Table<Row>
        size="small"
        rowKey="kind"
        dataSource={ROWS}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ 'data-testid': 'material-row', 'data-kind': row.kind }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('engagement.materials.kind'),
            dataIndex: 'kind',
            render: (kind: TEngagementFileKind, row) => (
              <Space size={4} wrap>
                <span>
                  {row.n !== null && `${row.n}. `}
                  {t(`engagement.file.${kind}`)}
                </span>
                {row.n !== null && !required.has(kind) && <Tag>{t('engagement.materials.optional')}</Tag>}
                {row.n === null && <Tag color="blue">{t('engagement.materials.evidence')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('engagement.materials.state'),
            key: 'state',
            width: 90,
            render: (_v, row) =>
              missing.has(row.kind) ? (
                <Tag color="red" data-testid="material-missing">
                  {t('engagement.materials.missing')}
                </Tag>
              ) : filesOf(row.kind).length > 0 ? (
                <Tag color="green">{t('engagement.materials.present', { n: filesOf(row.kind).length })}</Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('engagement.materials.files'),
            key: 'files',
            render: (_v, row) => (
              <Space orientation="vertical" size={0}>
                {filesOf(row.kind).map((a) => (
                  <AttachmentLink key={a.id} attachment={a} />
                ))}
              </Space>
            ),
          },
          ...(canUpload
            ? [
                {
                  title: t('common.actions'),
                  key: 'upload',
                  width: 100,
                  render: (_v: unknown, row: Row) => (
                    <FilePickButton
                      engagementId={engagement.id}
                      kind={row.kind}
                      testId={`material-upload-${row.kind}`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
