import type { TAttachment } from '../../../../../contracts/attachment';
import type { TCentreEvent } from '../../../../../contracts/centre';
import { Timeline } from '../../../../components/Timeline';
import { useLocale } from '../../../../i18n';
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

/** 办理记录: every step of the centre, who took it in which role, when, what they wrote and the files they sent. */
export function EventTimeline({ events, attachments = [] }: { events: TCentreEvent[]; attachments?: TAttachment[] }) {
  const { t, labelOr } = useLocale();
  return (
    <Timeline
      testIds={{ list: 'centre-events', item: 'centre-event', files: 'centre-event-attachments' }}
      items={events.map((e) => ({
        key: e.id,
        at: e.at,
        title: labelOr(`centre.event.${e.action}`, e.action),
        status: (
          <>
            {e.fromStatus && e.fromStatus !== e.toStatus && (
              <>
                <CentreStatusTag status={e.fromStatus} />→{' '}
              </>
            )}
            <CentreStatusTag status={e.toStatus} />
          </>
        ),
        who: e.actorName ?? t('audit.system'),
        role: e.actorRole,
        note: e.comment,
        files: attachments
          .filter((a) => a.eventId === e.id)
          .map((a) => (
            <div key={a.id}>
              <AttachmentLink attachment={a} />
            </div>
          )),
        colour: COLOURS[e.action],
        data: { 'data-action': e.action },
      }))}
    />
  );
}
