import { Empty, Timeline, Typography } from 'antd';
import type { TServiceProgressEntry } from '../../../../../contracts/service-record';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { ServiceStatusTag } from '../../shared/service-labels';

const COLOURS: Partial<Record<TServiceProgressEntry['kind'], string>> = {
  submitted: 'gray',
  completed: 'green',
  rated: 'green',
  cancelled: 'red',
};

/** 办理进度 ("进度可查"): every step and note on the record, who made it in which role, and when — oldest first. */
export function ProgressTimeline({ entries }: { entries: TServiceProgressEntry[] }) {
  const { t, labelOr } = useLocale();
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="progress-timeline" />;
  return (
    <Timeline
      data-testid="progress-timeline"
      items={entries.map((e) => ({
        key: e.id,
        color: COLOURS[e.kind] ?? 'blue',
        content: (
          <div data-testid="progress-entry" data-kind={e.kind}>
            <div>
              <Typography.Text strong>{t(`service.progress.kind.${e.kind}`)}</Typography.Text>{' '}
              <ServiceStatusTag status={e.statusAfter} />
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
            {e.note && (
              <Typography.Paragraph
                style={{
                  margin: '4px 0 0',
                  padding: '4px 8px',
                  background: '#fafafa',
                  borderLeft: '3px solid #d9d9d9',
                  whiteSpace: 'pre-wrap',
                }}
              >
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
