import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TMessage } from '../../../../contracts/message';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { paginationTotal } from '../../../lib/list-total';
import { api, type ListResponse } from '../../../request';
import { MESSAGES_KEY, messageText, useUnreadCount } from '../shared/message-api';

/**
 * 站内消息: what the platform told the user (a request arrived, a service moved, a rating is due, a rectification is
 * open …), unread ones marked. Opening one marks it read and goes where it points.
 */
export function MessageListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const unread = useUnreadCount();
  const query = { page, pageSize, unread: unreadOnly ? 'true' : undefined };

  const messages = useQuery({
    queryKey: [...MESSAGES_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TMessage>>('/api/messages', query),
    placeholderData: (previous) => previous,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: MESSAGES_KEY });

  const markRead = useMutation({
    mutationFn: (id: number) => api.post<unknown>(`/api/messages/${id}/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => api.post<unknown>('/api/messages/read-all'),
    onSuccess: async () => {
      await refresh();
      message.success(t('message.readAllDone'));
    },
  });

  const open = async (m: TMessage) => {
    if (!m.readAt) await markRead.mutateAsync(m.id).catch(() => undefined);
    if (m.link?.startsWith('/')) void navigate(m.link);
  };

  return (
    <Card
      title={t('message.title')}
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={!unread.data}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="messages-read-all"
        >
          {t('message.readAll')}
        </Button>
      }
    >
      <Tabs
        activeKey={unreadOnly ? 'unread' : 'all'}
        onChange={(key) => {
          setUnreadOnly(key === 'unread');
          setPage(1);
        }}
        items={[
          { key: 'all', label: <span data-testid="tab-all">{t('common.all')}</span> },
          {
            key: 'unread',
            label: (
              <span data-testid="tab-unread">
                {t('message.unread')} <Badge count={unread.data ?? 0} size="small" style={{ marginInlineStart: 4 }} />
              </span>
            ),
          },
        ]}
      />
      <List<TMessage>
        data-testid="message-list"
        loading={messages.isFetching}
        dataSource={messages.data?.items}
        locale={{ emptyText: t(unreadOnly ? 'message.noneUnread' : 'message.none') }}
        pagination={{
          current: page,
          pageSize,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          ...paginationTotal(messages.data, page, pageSize, t, locale),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
        renderItem={(m) => {
          const isUnread = !m.readAt;
          return (
            <List.Item
              key={m.id}
              data-testid="message-row"
              data-unread={isUnread ? 'true' : 'false'}
              data-kind={m.kind}
              onClick={() => void open(m)}
              style={{
                cursor: 'pointer',
                paddingInline: 12,
                background: isUnread ? '#f0f5ff' : undefined,
                borderInlineStart: `3px solid ${isUnread ? '#1d4f91' : 'transparent'}`,
              }}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {formatDateTime(m.createdAt)}
                </Typography.Text>
              }
            >
              <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
                <Space size={6}>
                  {isUnread && <Badge status="processing" />}
                  <Tag>{t(`message.type.${m.kind}`)}</Tag>
                  {isUnread && <Typography.Text type="danger">{t('message.unreadMark')}</Typography.Text>}
                </Space>
                <Typography.Text strong={isUnread} type={isUnread ? undefined : 'secondary'} data-testid="message-text">
                  {messageText(m, t, locale, can('rectification.answer'))}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
