import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Grid, List, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../request-error';
import { type MyServiceListQuery, useMyServices } from '../shared/api';
import { OPEN_STATUSES } from '../shared/labels';
import { MyServiceCard } from './components/MyServiceCard';

const TABS = ['all', 'open', 'unrated'] as const;
type TTab = (typeof TABS)[number];
const PAGE_SIZE = 10;

function tabQuery(tab: TTab, page: number): MyServiceListQuery {
  if (tab === 'open') return { page, pageSize: PAGE_SIZE, status: OPEN_STATUSES };
  if (tab === 'unrated') return { page, pageSize: PAGE_SIZE, unrated: 'true' };
  return { page, pageSize: PAGE_SIZE };
}

/**
 * 我的服务: the enterprise's own requests as cards (a table does not fit a phone), newest first, with the tabs an
 * enterprise asks about — what is still being handled, and what waits for its rating (好差评). The tab and page live in
 * the address, so that coming back from a record returns to the same place.
 */
export function MyServiceListPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const tab: TTab = TABS.find((x) => x === params.get('tab')) ?? 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useMyServices(tabQuery(tab, page));

  const go = (nextTab: TTab, nextPage: number) => {
    const next = new URLSearchParams();
    if (nextTab !== 'all') next.set('tab', nextTab);
    if (nextPage > 1) next.set('page', String(nextPage));
    setParams(next, { replace: true });
  };

  return (
    <Card
      title={t('myService.title')}
      styles={{ body: { paddingTop: 0, paddingInline: screens.md ? 24 : 12 } }}
      extra={
        <Link to="/my/services/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="my-service-apply">
            {t('myService.apply')}
          </Button>
        </Link>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => go(TABS.find((x) => x === key) ?? 'all', 1)}
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`my-service-tab-${key}`}>{t(`myService.tab.${key}`)}</span>,
        }))}
      />
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <List
        loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
        dataSource={list.data?.items ?? []}
        rowKey="id"
        split={false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(tab === 'unrated' ? 'myService.emptyUnrated' : 'myService.empty')}
            />
          ),
        }}
        renderItem={(record) => (
          <List.Item style={{ padding: '6px 0' }}>
            <MyServiceCard record={record} />
          </List.Item>
        )}
        pagination={
          (list.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                simple: !screens.sm,
                showSizeChanger: false,
                align: 'center',
                onChange: (p) => {
                  go(tab, p);
                  window.scrollTo({ top: 0 });
                },
              }
            : false
        }
        data-testid="my-service-list"
      />
    </Card>
  );
}
