import { Alert, Card, Descriptions, Typography } from 'antd';
import type { TRectification } from '../../../../../contracts/service-record';
import { useCan } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { RectificationAnswerForm, RectificationFollowUpForm } from '../../../rectification/shared/RectificationForms';
import { OverdueTag, RectificationStatusTag } from '../../../rectification/shared/RectificationStatusTag';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

/**
 * 差评整改: a 不满意/非常不满意 rating opened it; the centre answers by the deadline (15 working days, the rule named on
 * the record), the county follows up. Each form shows only to the role whose turn it is.
 */
export function RectificationCard({ rectification: r }: { rectification: TRectification }) {
  const { t, locale } = useLocale();
  const can = useCan();
  return (
    <Card
      size="small"
      title={t('service.rectification.title')}
      extra={<RectificationStatusTag status={r.status} />}
      data-testid="rectification-card"
    >
      {r.overdue && r.status === 'open' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="rectification-overdue-hint"
          title={t(
            can('rectification.answer')
              ? 'service.rectification.overdueHint'
              : 'service.rectification.overdueOversight',
          )}
        />
      )}
      <Descriptions size="small" column={1} styles={{ label: { width: 90 } }}>
        <Descriptions.Item label={t('service.rectification.field.dueOn')}>
          <span data-testid="rectification-due">{formatDate(r.dueOn, locale)}</span> {r.overdue && <OverdueTag />}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.rectification.field.openedOn')}>
          {formatDate(r.openedOn, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.rectification.field.rule')}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.rule}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="rectification-calendar">
              {r.calendar}
            </Typography.Text>
          </div>
        </Descriptions.Item>
        {r.answer && (
          <Descriptions.Item label={t('service.rectification.field.answer')}>
            <div>
              <Typography.Paragraph style={pre} data-testid="rectification-answer-text">
                {r.answer}
              </Typography.Paragraph>
              {r.answeredOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(r.answeredOn, locale)}
                </Typography.Text>
              )}
            </div>
          </Descriptions.Item>
        )}
        {r.followUp && (
          <Descriptions.Item label={t('service.rectification.field.followUp')}>
            <div>
              <Typography.Paragraph style={pre} data-testid="rectification-follow-up-text">
                {r.followUp}
              </Typography.Paragraph>
              {r.followedUpOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(r.followedUpOn, locale)}
                </Typography.Text>
              )}
            </div>
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.status === 'open' && can('rectification.answer') && (
        <div style={{ marginTop: 12 }}>
          <RectificationAnswerForm rectification={r} />
        </div>
      )}
      {r.status === 'answered' && can('rectification.followUp') && (
        <div style={{ marginTop: 12 }}>
          <RectificationFollowUpForm rectification={r} />
        </div>
      )}
    </Card>
  );
}
