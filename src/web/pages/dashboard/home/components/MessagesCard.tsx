import { Card, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import type { TMessage } from '../../../../../contracts/message';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { messageText } from '../../../message/shared/message-api';

/** The enterprise's unread messages, newest first, each opening what it is about. */
export function MessagesCard({ messages, total }: { messages: TMessage[]; total: number }) {
  const { t, locale } = useLocale();
  return (
    <Card
      size="small"
      title={`${t('home.messages.title')}${total > 0 ? `（${total}）` : ''}`}
      extra={<Link to="/messages">{t('home.messages.all')}</Link>}
      data-testid="home-messages"
      style={{ height: '100%' }}
    >
      {messages.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('home.messages.empty')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {messages.map((m) => {
            const text = (
              <>
                <Typography.Text>{messageText(m, t, locale)}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {formatDateTime(m.createdAt)}
                </Typography.Text>
              </>
            );
            return (
              <li key={m.id} style={{ padding: '8px 0' }} data-testid="home-message">
                {m.link ? (
                  <Link to={m.link} style={{ display: 'block' }}>
                    {text}
                  </Link>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
