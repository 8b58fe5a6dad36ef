import { ArrowLeftOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Grid, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AttachmentList } from '../../../components/AttachmentList';
import { DemoTag } from '../../../components/DemoTag';
import { detailView } from '../../../components/DetailPage';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ProgressTimeline } from '../../service/shared/ProgressTimeline';
import { serviceAttachmentUrl, uploadServiceAttachment } from '../../service/shared/service-api';
import { myServiceKey, useMyService } from '../shared/api';
import { categoryName, ServiceStatusTag, subItemName } from '../shared/labels';
import { CancelModal } from './components/CancelModal';
import { RatingForm } from './components/RatingForm';
import { RatingView } from './components/RatingView';

/**
 * One of the enterprise's requests: where it stands, what it asked, the centre's progress log (进度可查), the files,
 * 撤销申请 while it is open, and the rating (好差评) once it is completed. The buttons follow the server's `allowed`.
 */
export function MyServiceDetailPage() {
  const { t, locale } = useLocale();
  const screens = Grid.useBreakpoint();
  const id = Number(useParams().id);
  const detail = useMyService(id);
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);

  const view = detailView(detail, {
    title: t('myService.detail.notFound'),
    backTo: '/my/services',
    backLabel: t('myService.detail.back'),
  });
  if (view.fallback) return view.fallback;

  const record = view.data;
  const allowed = new Set(record.allowed);
  const padding = screens.md ? 24 : 12;

  const rating = record.rating ? (
    <RatingView rating={record.rating} rectification={record.rectification} />
  ) : allowed.has('rate') ? (
    <RatingForm record={record} />
  ) : null;

  return (
    <Space orientation="vertical" size={screens.md ? 'large' : 'middle'} style={{ width: '100%' }}>
      <Card
        styles={{ body: { paddingInline: padding }, header: { paddingInline: padding } }}
        title={
          <Space size={8} style={{ minWidth: 0 }}>
            <Link to="/my/services" aria-label={t('myService.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 15 }} data-testid="my-service-number">
              {record.number}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space size={4}>
            {record.isDemo && <DemoTag />}
            <ServiceStatusTag status={record.status} />
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
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {categoryName(record.category, locale)} · {subItemName(record.category, record.subItem, locale)}
        </Typography.Title>
        <Descriptions
          size="small"
          column={screens.lg ? 2 : 1}
          styles={{ label: { width: screens.md ? 104 : 88 } }}
          data-testid="my-service-descriptions"
        >
          <Descriptions.Item label={t('myService.field.centre')}>{record.centreName}</Descriptions.Item>
          <Descriptions.Item label={t('myService.field.channel')}>
            {t(`myService.channel.${record.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('myService.field.submittedAt')}>
            {formatDateTime(record.submittedAt)}
          </Descriptions.Item>
          {record.acceptedAt && (
            <Descriptions.Item label={t('myService.field.acceptedAt')}>
              {formatDateTime(record.acceptedAt)}
            </Descriptions.Item>
          )}
          {record.assigneeName && (
            <Descriptions.Item label={t('myService.field.assignee')}>{record.assigneeName}</Descriptions.Item>
          )}
          {record.completedAt && (
            <Descriptions.Item label={t('myService.field.completedAt')}>
              {formatDateTime(record.completedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          {t('myService.detail.request')}
        </Typography.Text>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}
          data-testid="my-service-request-text"
        >
          {record.requestText}
        </Typography.Paragraph>
        {record.resultText && (
          <>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('myService.field.result')}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}>
              {record.resultText}
            </Typography.Paragraph>
          </>
        )}
        {record.cancelReason && (
          <>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('myService.field.cancelReason')}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}>
              {record.cancelReason}
            </Typography.Paragraph>
          </>
        )}
        {allowed.has('cancel') && (
          <Button danger icon={<StopOutlined />} onClick={() => setCancelOpen(true)} data-testid="my-service-cancel">
            {t('myService.cancel.button')}
          </Button>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        {rating && (
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={t(record.rating ? 'myService.rate.yours' : 'myService.rate.title')}
              styles={{ body: { padding } }}
              data-testid="my-service-rating"
            >
              {rating}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={rating ? 12 : 14}>
          <Card size="small" title={t('myService.progress.title')} styles={{ body: { padding, paddingBottom: 0 } }}>
            <ProgressTimeline
              entries={record.progress}
              audience="enterprise"
              StatusTag={ServiceStatusTag}
              newestFirst
            />
          </Card>
        </Col>
        <Col xs={24} lg={rating ? 24 : 10}>
          <AttachmentList
            title={t('attachment.title')}
            files={record.attachments.map((a) => ({ ...a, uploadedBy: a.uploadedByName }))}
            href={(fileId) => serviceAttachmentUrl(record.id, fileId)}
            upload={allowed.has('attach') ? (file) => uploadServiceAttachment(record.id, file) : undefined}
            refresh={() => queryClient.invalidateQueries({ queryKey: myServiceKey(record.id) })}
            testIds={{
              card: 'my-service-attachments',
              upload: 'my-service-upload',
              link: 'my-service-attachment',
              download: 'my-service-attachment-download',
            }}
          />
        </Col>
      </Row>
      <CancelModal record={record} open={cancelOpen} onClose={() => setCancelOpen(false)} />
    </Space>
  );
}
