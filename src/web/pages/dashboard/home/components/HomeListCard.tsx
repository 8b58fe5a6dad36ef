import { Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { THomeItem, THomeList, THomeListKey } from '../../../../../contracts/dashboard';
import { type Translate, useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { serviceItemLabel } from '../../../service/shared/service-labels';

type StatusKind = 'service' | 'rectification' | 'centre' | 'centreChange' | 'engagement' | 'change' | null;

/** Whose status each list shows, so that the web names it with that record's own words. */
const STATUS_KIND: Record<THomeListKey, StatusKind> = {
  myOpenRequests: 'service',
  myToRate: null,
  toAccept: null,
  inProgress: 'service',
  unrated: null,
  rectificationsDue: null,
  enterprisesPending: null,
  centreDrafts: 'centre',
  engagementsToComplete: null,
  changesHandover: null,
  rectificationsToFollowUp: null,
  centresToForward: null,
  filingsToReport: null,
  changesToForward: null,
  overdueRectifications: null,
  centresToApprove: null,
  centreChangesToDecide: 'centreChange',
  filingsToFile: null,
  changesToDecide: null,
};

function statusText(kind: StatusKind, status: string, t: Translate): string {
  // The status codes come from the server's enums for that kind; the keys exist for each of them.
  switch (kind) {
    case 'service':
      return t(`service.status.${status}` as Parameters<Translate>[0]);
    case 'centre':
      return t(`centre.status.${status}` as Parameters<Translate>[0]);
    case 'centreChange':
      return t(`centre.change.kind.${status}` as Parameters<Translate>[0]);
    default:
      return status;
  }
}

function Row({ listKey, item }: { listKey: THomeListKey; item: THomeItem }) {
  const { t, locale } = useLocale();
  const kind = STATUS_KIND[listKey];
  const second: ReactNode[] = [];
  if (item.service) second.push(serviceItemLabel(item.service.category, item.service.subItem, locale));
  if (item.subtitle) second.push(item.subtitle);
  return (
    <li className="home-list-row" data-testid={`home-item-${listKey}`}>
      <Link to={item.link} data-testid="home-item-link" style={{ display: 'block', padding: '8px 0' }}>
        <Space size={[8, 2]} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>{item.title}</Typography.Text>
          <Space size={4} wrap>
            {kind && item.status && <Tag>{statusText(kind, item.status, t)}</Tag>}
            {item.overdue && <Tag color="red">{t('home.list.overdue')}</Tag>}
            {item.day && (
              <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                {t(`home.list.day.${listKey}`)} {formatDate(item.day, locale)}
              </Typography.Text>
            )}
          </Space>
        </Space>
        {second.length > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block' }} ellipsis>
            {second.join(' · ')}
          </Typography.Text>
        )}
      </Link>
    </li>
  );
}

/** One list of what waits for the caller: its first rows, the total, and the full list behind it. */
export function HomeListCard({ list }: { list: THomeList }) {
  const t = useLocale().t;
  return (
    <Card
      size="small"
      data-testid={`home-list-${list.key}`}
      data-total={list.total}
      title={
        <Space size={8}>
          <span style={{ whiteSpace: 'normal' }}>{t(`home.list.${list.key}`)}</span>
          <Badge count={list.total} overflowCount={999} showZero color={list.total > 0 ? '#1d4f91' : '#bfbfbf'} />
        </Space>
      }
      extra={
        list.total > 0 && (
          <Link to={list.allLink} data-testid="home-list-all">
            {t('home.viewAll')}
          </Link>
        )
      }
      style={{ height: '100%' }}
    >
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.list.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} className="home-list">
          {list.items.map((item) => (
            <Row key={item.id} listKey={list.key} item={item} />
          ))}
        </ul>
      )}
    </Card>
  );
}
