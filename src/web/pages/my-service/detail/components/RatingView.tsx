import { Alert, Descriptions, Rate, Space, Tag, Typography } from 'antd';
import { BAD_RATING_LEVELS, type TRectification, type TServiceRating } from '../../../../../contracts/service-record';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { LEVEL_LOOK } from './rating-levels';

const SUB_SCORES = ['efficiency', 'attitude', 'professionalism'] as const;
const RECTIFICATION_COLOURS: Record<TRectification['status'], string> = {
  open: 'orange',
  answered: 'blue',
  closed: 'green',
};

/**
 * The enterprise's rating as it was sent: read-only, since neither the enterprise nor the centre may change it
 * (Art. 8). A 不满意/非常不满意 rating opened a rectification the centre must answer within 15 working days.
 */
export function RatingView({
  rating,
  rectification,
}: {
  rating: TServiceRating;
  rectification: TRectification | null;
}) {
  const { t, locale } = useLocale();
  const { icon, colour } = LEVEL_LOOK[rating.level];
  const levelText = t(`myService.rate.level.${rating.level}`);
  const bad = BAD_RATING_LEVELS.includes(rating.level);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rating-view">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 28, color: colour, lineHeight: 1 }}>{icon}</span>
        <Typography.Text strong style={{ fontSize: 18, color: colour }} data-testid="rating-level">
          {levelText}
        </Typography.Text>
      </div>
      <Descriptions size="small" column={1} styles={{ label: { width: 88 } }}>
        {SUB_SCORES.map((key) => (
          <Descriptions.Item key={key} label={t(`myService.rate.${key}`)}>
            {rating[key] ? (
              <Rate disabled value={rating[key] ?? 0} style={{ fontSize: 16 }} />
            ) : (
              <Typography.Text type="secondary">{t('myService.rate.notRated')}</Typography.Text>
            )}
          </Descriptions.Item>
        ))}
        {rating.comment && (
          <Descriptions.Item label={t('myService.rate.commentLabel')}>
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{rating.comment}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('myService.rate.ratedAt')}>{formatDateTime(rating.ratedAt)}</Descriptions.Item>
      </Descriptions>
      {bad && (
        <Alert
          type="warning"
          showIcon
          data-testid="rectification-notice"
          title={
            rectification
              ? t('myService.rectification.noticeDue', {
                  level: levelText,
                  date: formatDate(rectification.dueOn, locale),
                })
              : t('myService.rectification.notice', { level: levelText })
          }
          description={
            rectification && (
              <Space orientation="vertical" size={4} style={{ width: '100%', marginTop: 4 }}>
                <Space size={4} wrap>
                  <Tag color={RECTIFICATION_COLOURS[rectification.status]}>
                    {t(`myService.rectification.status.${rectification.status}`)}
                  </Tag>
                  {rectification.overdue && <Tag color="red">{t('myService.rectification.overdue')}</Tag>}
                </Space>
                {rectification.answer && (
                  <div>
                    <Typography.Text strong>{t('myService.rectification.answer')}</Typography.Text>
                    {rectification.answeredOn && (
                      <Typography.Text type="secondary">
                        {' '}
                        · {formatDate(rectification.answeredOn, locale)}
                      </Typography.Text>
                    )}
                    <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{rectification.answer}</div>
                  </div>
                )}
                {rectification.followUp && (
                  <div>
                    <Typography.Text strong>{t('myService.rectification.followUp')}</Typography.Text>
                    <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{rectification.followUp}</div>
                  </div>
                )}
              </Space>
            )
          }
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('myService.rate.final')}
      </Typography.Text>
    </Space>
  );
}
