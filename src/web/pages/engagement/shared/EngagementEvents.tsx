import { Empty, Timeline, Typography } from 'antd';
import type { TEngagementDetail } from '../../../../contracts/engagement';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { EngagementStatusTag } from './EngagementStatusTag';

type TEvent = TEngagementDetail['events'][number];

const COLOURS: Record<string, string> = { file: 'green', return: 'orange' };

/** 办理记录: the tender, the agreement, the report, a return and the filing — who, in which role, when, and why. */
export function EngagementEvents({ events }: { events: TEvent[] }) {
  const { t, labelOr } = useLocale();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="engagement-events"
      items={events.map((e) => ({
        key: e.id,
        color: COLOURS[e.action] ?? 'blue',
        content: (
          <div data-testid="engagement-event" data-action={e.action}>
            <div>
              <Typography.Text strong>{labelOr(`engagement.event.${e.action}`, e.action)}</Typography.Text>{' '}
              {e.fromStatus && e.fromStatus !== e.toStatus && (
                <>
                  <EngagementStatusTag status={e.fromStatus} />→{' '}
                </>
              )}
              <EngagementStatusTag status={e.toStatus} />
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
          </div>
        ),
      }))}
    />
  );
}
