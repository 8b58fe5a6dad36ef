import { ArrowLeftOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TActivityDetail } from '../../../../contracts/activity';
import { useCan } from '../../../access';
import { AttachmentList } from '../../../components/AttachmentList';
import { DemoTag } from '../../../components/DemoTag';
import { detailView } from '../../../components/DetailPage';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { ActivityFormModal } from '../shared/ActivityFormModal';
import { activityFileUrl, subKindLabel, uploadActivityFile, useActivityDetail } from '../shared/activity-api';

type Participant = TActivityDetail['enterprises'][number];

/** One activity: what, when, where, who took part, and its evidence; the operator corrects it and adds files. */
export function ActivityDetailPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const id = Number(useParams().id);
  const detail = useActivityDetail(Number.isInteger(id) && id > 0 ? id : -1);
  const [editing, setEditing] = useState(false);

  const view = detailView(detail, {
    title: t('activity.notFound'),
    backTo: '/activities',
    backLabel: t('activity.backToList'),
  });
  if (view.fallback) return view.fallback;

  const a = view.data;
  const manage = can('activity.manage');
  const days =
    a.startOn === a.endOn
      ? formatDate(a.startOn, locale)
      : t('activity.days', { start: formatDate(a.startOn, locale), end: formatDate(a.endOn, locale) });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        data-testid="activity-detail"
        title={
          <Space wrap size={8} style={{ rowGap: 4 }}>
            <Link to="/activities" aria-label={t('activity.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="activity-title">
              {a.title}
            </Typography.Text>
            <Tag color="blue">{t(`activity.kind.${a.kind}`)}</Tag>
            {a.isDemo && <DemoTag />}
          </Space>
        }
        extra={
          <Space>
            {can('centre.read') && <Link to={`/centres/${a.centreId}`}>{t('activity.openCentre')}</Link>}
            {manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="activity-edit">
                {t('common.edit')}
              </Button>
            )}
            <Button
              type="text"
              icon={<ReloadOutlined />}
              loading={detail.isFetching}
              onClick={() => detail.refetch()}
              aria-label={t('common.retry')}
            />
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('activity.field.kind')}>{t(`activity.kind.${a.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.subKind')}>{subKindLabel(t, a.subKind)}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.dates')}>{days}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.place')}>{a.place}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.participantCount')}>
            {formatNumber(a.participantCount, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('activity.field.enterpriseCount')}>
            {formatNumber(a.enterpriseCount, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('activity.field.centre')}>{a.centreName}</Descriptions.Item>
          <Descriptions.Item label={t('centre.field.region')}>{`${a.cityName} ${a.countyName}`}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.createdAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('activity.field.description')} span={{ xs: 1, sm: 2 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {a.description ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('activity.enterprises.title')} size="small" data-testid="activity-enterprise-card">
        <Table<Participant>
          size="small"
          rowKey="id"
          dataSource={a.enterprises}
          pagination={a.enterprises.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: t('activity.enterprises.empty') }}
          data-testid="activity-enterprise-table"
          columns={[
            { title: t('activity.field.enterpriseName'), dataIndex: 'name' },
            {
              title: t('activity.field.creditCode'),
              dataIndex: 'creditCode',
              width: 220,
              render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span>,
            },
          ]}
        />
      </Card>
      {/* 佐证材料: sign-in sheets, photos and notices; the centre that recorded the activity adds them. */}
      <AttachmentList
        title={t('activity.files.title')}
        files={a.attachments.map((f) => ({ ...f, uploadedBy: f.uploadedByName }))}
        href={(fileId) => activityFileUrl(a.id, fileId)}
        upload={manage ? (file) => uploadActivityFile(a.id, file) : undefined}
        refresh={() => detail.refetch()}
        hint={t('activity.files.hint')}
        emptyText={t('activity.files.empty')}
        multiple
        testIds={{ card: 'activity-files', upload: 'activity-file-upload', link: 'activity-file-link' }}
      />
      {manage && <ActivityFormModal open={editing} activity={a} onClose={() => setEditing(false)} />}
    </Space>
  );
}
