import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FlagOutlined,
  ReloadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { AttachmentList } from '../../../components/AttachmentList';
import { DemoTag } from '../../../components/DemoTag';
import { detailView } from '../../../components/DetailPage';
import { useT } from '../../../i18n';
import { ProgressTimeline } from '../shared/ProgressTimeline';
import {
  serviceAttachmentUrl,
  uploadServiceAttachment,
  useRefreshServices,
  useServiceDetail,
  useServiceStep,
} from '../shared/service-api';
import { ServiceStatusTag } from '../shared/service-labels';
import { RatingCard } from './components/RatingCard';
import { RectificationCard } from './components/RectificationCard';
import { ServiceDescriptions } from './components/ServiceDescriptions';
import { StepModal, type TModalStep } from './components/StepModal';

/**
 * One service record: what was asked, its progress log (进度可查), files, the enterprise's rating and any
 * rectification. The buttons are the steps the server says the caller may take now (`allowed`), nothing guessed here.
 */
export function ServiceDetailPage() {
  const t = useT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  // Opened from 差评整改 (/rectifications/:id) the way back leads there, as the menu does.
  const fromRectifications = useLocation().pathname.startsWith('/rectifications/');
  const back = fromRectifications
    ? { to: '/rectifications', label: t('service.rectification.backToList') }
    : { to: '/services', label: t('service.backToList') };
  const detail = useServiceDetail(id);
  const refresh = useRefreshServices();
  const [step, setStep] = useState<TModalStep | null>(null);

  const view = detailView(detail, {
    title: t('service.notFound'),
    backTo: back.to,
    backLabel: back.label,
  });
  if (view.fallback) return view.fallback;

  const record = view.data;
  return (
    <Card
      data-testid="service-detail"
      title={
        <Space wrap size={8} style={{ rowGap: 4 }}>
          <Link to={back.to} aria-label={back.label}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="service-number">
            {record.number}
          </Typography.Text>
          <Typography.Text type="secondary">{record.enterpriseName}</Typography.Text>
          <ServiceStatusTag status={record.status} />
          {record.isDemo && <DemoTag />}
        </Space>
      }
      extra={
        <Button
          type="text"
          icon={<ReloadOutlined />}
          loading={detail.isFetching}
          onClick={() => detail.refetch()}
          aria-label={t('common.retry')}
        />
      }
    >
      <StepButtons record={record} onStep={setStep} onAccepted={() => message.success(t('service.step.done.accept'))} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ServiceDescriptions record={record} />
            <Card size="small" title={t('service.progress.title')}>
              <ProgressTimeline entries={record.progress} audience="centre" StatusTag={ServiceStatusTag} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {record.rectification && <RectificationCard rectification={record.rectification} />}
            <RatingCard record={record} />
            <AttachmentList
              title={t('attachment.title')}
              files={record.attachments.map((a) => ({ ...a, uploadedBy: a.uploadedByName }))}
              href={(fileId) => serviceAttachmentUrl(record.id, fileId)}
              upload={
                record.allowed.includes('attach') ? (file) => uploadServiceAttachment(record.id, file) : undefined
              }
              refresh={refresh}
              testIds={{
                card: 'service-attachments',
                upload: 'attachment-upload',
                item: 'service-attachment',
                link: 'attachment-link',
              }}
            />
          </Space>
        </Col>
      </Row>
      {step && <StepModal record={record} step={step} onClose={() => setStep(null)} />}
    </Card>
  );
}

interface StepButtonsProps {
  record: NonNullable<ReturnType<typeof useServiceDetail>['data']>;
  onStep: (step: TModalStep) => void;
  onAccepted: () => void;
}

/** 受理 goes at once (nothing to write); the other steps open a modal for their note, result, reason or assignee. */
function StepButtons({ record, onStep, onAccepted }: StepButtonsProps) {
  const t = useT();
  const accept = useServiceStep(record, { onDone: () => undefined });
  const allowed = new Set(record.allowed);
  const buttons = [
    allowed.has('progress') && (
      <Button key="progress" icon={<EditOutlined />} data-testid="step-progress" onClick={() => onStep('progress')}>
        {t('service.step.progress')}
      </Button>
    ),
    allowed.has('assign') && (
      <Button key="assign" icon={<UserSwitchOutlined />} data-testid="step-assign" onClick={() => onStep('assign')}>
        {t('service.step.assign')}
      </Button>
    ),
    allowed.has('complete') && (
      <Button
        key="complete"
        type="primary"
        icon={<FlagOutlined />}
        data-testid="step-complete"
        onClick={() => onStep('complete')}
      >
        {t('service.step.complete')}
      </Button>
    ),
    allowed.has('cancel') && (
      <Button
        key="cancel"
        danger
        icon={<CloseCircleOutlined />}
        data-testid="step-cancel"
        onClick={() => onStep('cancel')}
      >
        {t('service.step.cancel')}
      </Button>
    ),
  ].filter(Boolean);
  if (!allowed.has('accept') && buttons.length === 0) return null;
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="service-steps">
      {allowed.has('accept') && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={accept.isPending}
          data-testid="step-accept"
          onClick={() => accept.mutate({ step: 'accept', body: {} }, { onSuccess: onAccepted })}
        >
          {t('service.step.accept')}
        </Button>
      )}
      {buttons}
    </Space>
  );
}
