import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, List, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { TSanctionRecovery } from '../../../../contracts/sanction';
import { AttachmentList } from '../../../components/AttachmentList';
import { uploadFile } from '../../../components/attachment-files';
import { detailView } from '../../../components/DetailPage';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { GroundList } from '../shared/GroundList';
import { SanctionKindTag } from '../shared/SanctionKindTag';
import { formatFen, SANCTIONS_KEY, useSanction } from '../shared/sanction-api';

/**
 * One decision: its letter (print), the operator, grounds, facts and dates, what it did (qualification, engagements
 * ended, payments listed for recovery and how they stand in the reader's region), and its evidence.
 */
export function SanctionDetailPage() {
  const { t, locale } = useLocale();
  const id = Number(useParams().id);
  const detail = useSanction(id);
  const queryClient = useQueryClient();
  const view = detailView(detail, {
    title: t('sanction.notFound'),
    backTo: '/sanctions',
    backLabel: t('sanction.backToList'),
  });
  if (view.fallback) return view.fallback;
  const s = view.data;
  const e = s.effects;
  const status = (r: TSanctionRecovery) => (r.status ? t(`sanction.recovery.status.${r.status}`) : '—');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="sanction-detail">
      <Card
        title={
          <Space wrap size={8}>
            <Link to="/sanctions" aria-label={t('sanction.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {s.letterNumber}
            </Typography.Text>
            <SanctionKindTag kind={s.kind} />
          </Space>
        }
        extra={
          <Button
            icon={<PrinterOutlined />}
            href={`/api/sanctions/${s.id}/print`}
            target="_blank"
            data-testid="sanction-print"
          >
            {t('sanction.print')}
          </Button>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('sanction.operator')}>
            <Link to={`/operators/${s.operatorId}`}>{s.operatorName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.creditCode')}>{s.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('sanction.decidedOn')}>{formatDate(s.decidedOn, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('sanction.effectiveOn')}>{formatDate(s.effectiveOn, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('sanction.grounds')} span={2}>
            <GroundList grounds={s.grounds} full />
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.facts')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.facts}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.decidedBy')}>
            {s.decidedByName ?? '—'} · {formatDateTime(s.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.policyVersion')}>v{s.policyVersion}</Descriptions.Item>
          {s.consequenceId !== null && (
            <Descriptions.Item label={t('sanction.fromAssessment')}>
              <Link to="/assessment/results">{t('menu.assessmentResults')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={t('sanction.effects')} data-testid="sanction-effects">
        <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('sanction.qualification')}>
            {t('sanction.qualificationChange', {
              before: t(`operator.status.${e.qualificationBefore}`),
              after: t(`operator.status.${e.qualificationAfter}`),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.engagementsEnded')}>
            {e.engagementsEnded.length ? (
              <List
                size="small"
                dataSource={e.engagementsEnded}
                renderItem={(x) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Link to={`/centres/${x.centreId}`}>{x.centreName}</Link>
                  </List.Item>
                )}
              />
            ) : (
              t('sanction.noEngagement')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('sanction.toRecover')}>
            {!e.recoveryCalledFor
              ? t('sanction.recoveryNotCalled')
              : e.recoveries.length
                ? formatFen(e.recoveryTotalFen, locale)
                : t('sanction.noRecovery')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {e.recoveryCalledFor && e.recoveries.length > 0 && (
        <Card title={t('sanction.recoveries')} data-testid="sanction-recoveries">
          {s.recoveries.length < e.recoveries.length && (
            <Alert type="info" showIcon title={t('sanction.recoveriesOutside')} style={{ marginBottom: 12 }} />
          )}
          {s.recoveries.length === 0 ? (
            <Empty description={t('sanction.recoveriesOutside')} />
          ) : (
            <Table<TSanctionRecovery>
              rowKey="paymentId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={s.recoveries}
              columns={[
                { title: t('sanction.recovery.centre'), dataIndex: 'centreName', width: 220 },
                { title: t('sanction.recovery.year'), dataIndex: 'year', width: 70 },
                {
                  title: t('sanction.recovery.paidOn'),
                  dataIndex: 'paidOn',
                  width: 130,
                  render: (d: string) => formatDate(d, locale),
                },
                {
                  title: t('sanction.recovery.due'),
                  dataIndex: 'dueFen',
                  align: 'right',
                  width: 130,
                  render: (f: number) => formatFen(f, locale),
                },
                {
                  title: t('sanction.recovery.recovered'),
                  dataIndex: 'recoveredFen',
                  align: 'right',
                  width: 130,
                  render: (f: number) => formatFen(f, locale),
                },
                { title: t('sanction.recovery.status'), key: 'status', width: 100, render: (_v, r) => status(r) },
              ]}
            />
          )}
        </Card>
      )}

      <AttachmentList
        title={t('sanction.evidence')}
        files={s.attachments.map((f) => ({ ...f, uploadedBy: f.uploadedByName }))}
        href={(fileId) => `/api/sanctions/${s.id}/attachments/${fileId}`}
        upload={s.canUpload ? (file) => uploadFile(`/api/sanctions/${s.id}/attachments`, file) : undefined}
        refresh={() => queryClient.invalidateQueries({ queryKey: [...SANCTIONS_KEY, 'detail', s.id] })}
        hint={t('sanction.evidenceHint')}
        multiple
        testIds={{ card: 'sanction-files', upload: 'sanction-upload', link: 'sanction-file' }}
      />
    </Space>
  );
}
