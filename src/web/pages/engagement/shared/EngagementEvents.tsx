import type { TEngagementDetail } from '../../../../contracts/engagement';
import { Timeline } from '../../../components/Timeline';
import { useLocale } from '../../../i18n';
import { EngagementStatusTag } from './EngagementStatusTag';

type TEvent = TEngagementDetail['events'][number];

const COLOURS: Record<string, string> = { file: 'green', return: 'orange' };

/** 办理记录: the tender, the agreement, the report, a return and the filing — who, in which role, when, and why. */
export function EngagementEvents({ events }: { events: TEvent[] }) {
  const { t, labelOr } = useLocale();
  return (
    <Timeline
      testIds={{ list: 'engagement-events', item: 'engagement-event' }}
      items={events.map((e) => ({
        key: e.id,
        at: e.at,
        title: labelOr(`engagement.event.${e.action}`, e.action),
        status: (
          <>
            {e.fromStatus && e.fromStatus !== e.toStatus && (
              <>
                <EngagementStatusTag status={e.fromStatus} />→{' '}
              </>
            )}
            <EngagementStatusTag status={e.toStatus} />
          </>
        ),
        who: e.actorName ?? t('audit.system'),
        role: e.actorRole,
        note: e.comment,
        colour: COLOURS[e.action],
        data: { 'data-action': e.action },
      }))}
    />
  );
}
