import { ArrowLeftOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TCentreChange } from '../../../../contracts/centre';
import { useCan, useMe } from '../../../access';
import { AttachmentList } from '../../../components/AttachmentList';
import { DemoTag } from '../../../components/DemoTag';
import { detailView } from '../../../components/DetailPage';
import { useT } from '../../../i18n';
import { CentreResultsCard } from '../../assessment/shared/CentreResultsCard';
import { isRecognised } from '../shared/centre-labels';
import { useCentreDetail } from '../shared/queries';
import { CentreStatusTag } from '../shared/StatusTag';
import { VerdictCard } from '../shared/VerdictView';
import { attachmentUrl, uploadAttachment } from './components/attachments/attachment-api';
import { CentreDescriptions } from './components/CentreDescriptions';
import { ChangeList } from './components/ChangeList';
import { ChangeModal } from './components/ChangeModal';
import { DecideChangeModal } from './components/DecideChangeModal';
import { EventTimeline } from './components/EventTimeline';
import { OperatorSection } from './components/engagement/OperatorSection';
import { LetterList } from './components/LetterList';
import { StaffCard } from './components/staff/StaffCard';
import { TRANSITIONS, TransitionModal, type TTransition } from './components/TransitionModal';

/** Workflow steps whose button is a "no" rather than a "yes". */
const DANGEROUS: ReadonlySet<TTransition> = new Set(['return', 'reject']);

/**
 * One centre: its application, the Art. 6 and Art. 9(二) verdicts, the steps the caller may take now (the server's
 * `allowedActions`, nothing guessed here), once recognised its operator (Art. 10), its history, its adjustments and
 * revocation, and its decision letters.
 */
export function CentreDetailPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useCentreDetail(id);
  const [transition, setTransition] = useState<TTransition | null>(null);
  const [changeOpen, setChangeOpen] = useState(false);
  const [deciding, setDeciding] = useState<TCentreChange | null>(null);

  const view = detailView(detail, {
    title: t('centre.notFound'),
    backTo: '/centres',
    backLabel: t('centre.backToList'),
  });
  if (view.fallback) return view.fallback;

  const centre = view.data;
  const allowed = new Set(centre.allowedActions);
  // Art. 9(四): the province decides an adjustment or revocation itself; a city asks the province to.
  const decidesItself = me.user.role === 'province';
  const canAttach = can('centre.attach');
  const attachments = centre.attachments;
  const eventIds = new Set(centre.events.map((e) => e.id));
  // Files sent with a step show under that step; the rest (and any whose step is not listed) in the 附件 card.
  const looseAttachments = attachments.filter((a) => a.eventId === null || !eventIds.has(a.eventId));

  const buttons = [
    allowed.has('update') && (
      <Button
        key="update"
        icon={<EditOutlined />}
        data-testid="action-update"
        onClick={() => navigate(`/centres/${centre.id}/edit`)}
      >
        {t('centre.action.update')}
      </Button>
    ),
    ...TRANSITIONS.filter((a) => allowed.has(a)).map((a) => (
      <Button
        key={a}
        type={DANGEROUS.has(a) ? 'default' : 'primary'}
        danger={DANGEROUS.has(a)}
        data-testid={`action-${a}`}
        onClick={() => setTransition(a)}
      >
        {t(`centre.action.${a}`)}
      </Button>
    )),
    allowed.has('requestChange') && (
      <Button key="change" data-testid="action-requestChange" onClick={() => setChangeOpen(true)}>
        {t(decidesItself ? 'centre.action.decideOwnChange' : 'centre.action.requestChange')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="centre-detail">
      <Card
        title={
          <Space wrap size={8} style={{ rowGap: 4 }}>
            <Link to="/centres" aria-label={t('centre.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="centre-name">
              {centre.name}
            </Typography.Text>
            <CentreStatusTag status={centre.status} />
            {centre.isDemo && <DemoTag />}
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
        {buttons.length > 0 && (
          <Space wrap style={{ marginBottom: 16 }} data-testid="centre-actions">
            {buttons}
          </Space>
        )}
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={12}>
            <VerdictCard verdict={centre.venueVerdict} title={t('centre.verdict.venue')} testId="verdict-venue" />
          </Col>
          <Col xs={24} lg={12}>
            <VerdictCard
              verdict={centre.placementVerdict}
              title={t('centre.verdict.placement')}
              testId="verdict-placement"
            />
          </Col>
        </Row>
        <CentreDescriptions centre={centre} />
      </Card>
      {isRecognised(centre.status) && can('engagement.read') && <OperatorSection centre={centre} />}
      {isRecognised(centre.status) && can('assessment.read') && <CentreResultsCard centreId={centre.id} />}
      {can('centre.read') && <StaffCard centreId={centre.id} />}
      {/* The files not sent with a workflow step (those show under their step in the timeline). */}
      <AttachmentList
        title={t('attachment.title')}
        files={looseAttachments}
        href={attachmentUrl}
        upload={canAttach ? (file) => uploadAttachment(centre.id, file) : undefined}
        refresh={() => detail.refetch()}
        testIds={{ card: 'attachment-card', upload: 'attachment-upload', link: 'attachment-link' }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={t('centre.changes')} size="small">
              <ChangeList centre={centre} canDecide={allowed.has('decideChange')} onDecide={setDeciding} />
            </Card>
            <Card title={t('centre.letters')} size="small">
              <LetterList letters={centre.letters} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('centre.events')} size="small">
            <EventTimeline events={centre.events} attachments={attachments} />
          </Card>
        </Col>
      </Row>
      {transition && (
        <TransitionModal
          centre={centre}
          action={transition}
          canAttach={canAttach}
          onClose={() => setTransition(null)}
        />
      )}
      {changeOpen && <ChangeModal centre={centre} decidesItself={decidesItself} onClose={() => setChangeOpen(false)} />}
      {deciding && <DecideChangeModal centre={centre} change={deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
