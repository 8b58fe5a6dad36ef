import { Empty, Timeline, Typography } from 'antd';
import type { TAttachment } from '../../../../../contracts/attachment';
import type { TCentreEvent } from '../../../../../contracts/centre';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { CentreStatusTag } from '../../shared/StatusTag';
import { AttachmentLink } from './attachments/AttachmentLink';

const COLOURS: Partial<Record<TCentreEvent['action'], string>> = {
  approve: 'green',
  adjust: 'green',
  start_operating: 'green',
  return: 'orange',
  change_rejected: 'orange',
  reject: 'red',
  revoke: 'red',
};

/** 办理记录: every step of the centre, who took it in which role, when, and what they wrote. */
export function EventTimeline({ events, attachments = [] }: { events: TCentreEvent[]; attachments?: TAttachment[] }) {
  const { t, labelOr } = useLocale();
  const filesOf = (eventId: number) => attachments.filter((a) => a.eventId === eventId);
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="centre-events"
      items={events.map((e) => ({
        key: e.id,
        color: COLOURS[e.action] ?? 'blue',
        content: (
          <div data-testid="centre-event" data-action={e.action}>
            <div>
              <Typography.Text strong>{labelOr(`centre.event.${e.action}`, e.action)}</Typography.Text>{' '}
              {e.fromStatus && e.fromStatus !== e.toStatus && (
                <>
                  <CentreStatusTag status={e.fromStatus} />→{' '}
                </>
              )}
              <CentreStatusTag status={e.toStatus} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                e.actorName ?? t('audit.system'),
                e.actorRole ? labelOr(`role.${e.actorRole}`, e.actorRole) : null,
                formatDateTime(e.at),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            {e.comment && (
              <Typography.Paragraph
                style={{
                  margin: '4px 0 0',
                  padding: '4px 8px',
                  background: '#fafafa',
                  borderLeft: '3px solid #d9d9d9',
                }}
              >
                {e.comment}
              </Typography.Paragraph>
            )}
            {filesOf(e.id).length > 0 && (
              <div style={{ marginTop: 4 }} data-testid="centre-event-attachments">
                {filesOf(e.id).map((a) => (
                  <div key={a.id}>
                    <AttachmentLink attachment={a} />
                  </div>
                ))}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
