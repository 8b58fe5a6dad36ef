import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Rate, Typography } from 'antd';
import {
  BAD_RATING_LEVELS,
  RATING_LEVELS,
  type TRateServiceRequest,
  type TRatingLevel,
  type TServiceRecordDetail,
} from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { MY_SERVICES_KEY, myServiceKey } from '../../shared/api';
import { LEVEL_LOOK } from './rating-levels';

const SUB_SCORES = ['efficiency', 'attitude', 'professionalism'] as const;

interface RatingFormValues {
  level?: TRatingLevel;
  efficiency?: number;
  attitude?: number;
  professionalism?: number;
  comment?: string;
}

/** Five large buttons, one per level: easy to hit with a thumb, and each says its level in words. */
function LevelPicker({ value, onChange }: { value?: TRatingLevel; onChange?: (level: TRatingLevel) => void }) {
  const t = useT();
  return (
    <div
      role="radiogroup"
      aria-label={t('myService.rate.level')}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(112px, 1fr))', gap: 8 }}
    >
      {RATING_LEVELS.map((level) => {
        const chosen = value === level;
        const { icon, colour } = LEVEL_LOOK[level];
        return (
          <Button
            key={level}
            role="radio"
            aria-checked={chosen}
            size="large"
            icon={icon}
            onClick={() => onChange?.(level)}
            data-testid={`rate-level-${level}`}
            style={{
              height: 48,
              borderColor: chosen ? colour : undefined,
              background: chosen ? colour : undefined,
              color: chosen ? '#fff' : colour,
              fontWeight: chosen ? 600 : undefined,
            }}
          >
            {t(`myService.rate.level.${level}`)}
          </Button>
        );
      })}
    </div>
  );
}

/** 好差评 (Art. 8): one rating of this service by the enterprise it served, once it is completed; final once sent. */
export function RatingForm({ record }: { record: TServiceRecordDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RatingFormValues>();
  const level = Form.useWatch('level', form);

  const rate = useMutation({
    mutationFn: (body: TRateServiceRequest) =>
      api.post<TServiceRecordDetail>(`/api/service-records/${record.id}/rating`, body),
    meta: { silent: true },
    onError: (error) => {
      if (!showFieldErrors(form, error)) handleApiError(error);
      // Rated meanwhile (another tab) or no longer rateable: show the record as it now is.
      void queryClient.invalidateQueries({ queryKey: myServiceKey(record.id) });
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(myServiceKey(record.id), updated);
      message.success(t('myService.rate.done'));
      await queryClient.invalidateQueries({ queryKey: [...MY_SERVICES_KEY, 'list'] });
    },
  });

  const onFinish = (values: RatingFormValues) => {
    if (!values.level) return;
    // An untouched Rate is 0 or undefined: "not scored", which the API takes as null.
    const score = (n: number | undefined) => (n && n >= 1 ? n : null);
    rate.mutate({
      level: values.level,
      efficiency: score(values.efficiency),
      attitude: score(values.attitude),
      professionalism: score(values.professionalism),
      comment: values.comment?.trim() || null,
    });
  };

  return (
    <Form<RatingFormValues> form={form} layout="vertical" onFinish={onFinish} data-testid="rate-form">
      <Typography.Paragraph type="secondary">{t('myService.rate.intro')}</Typography.Paragraph>
      <Form.Item
        name="level"
        label={t('myService.rate.level')}
        rules={[{ required: true, message: t('myService.rate.levelRequired') }]}
      >
        <LevelPicker />
      </Form.Item>
      {level && BAD_RATING_LEVELS.includes(level) && (
        <Alert type="warning" showIcon title={t('myService.rate.badHint')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('myService.rate.subScores')}
      </Typography.Text>
      {SUB_SCORES.map((key) => (
        <div key={key} style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
          <Typography.Text style={{ flex: '0 0 72px' }}>{t(`myService.rate.${key}`)}</Typography.Text>
          <Form.Item name={key} noStyle>
            <Rate style={{ fontSize: 26 }} aria-label={t(`myService.rate.${key}`)} data-testid={`rate-${key}`} />
          </Form.Item>
        </div>
      ))}
      <Form.Item name="comment" label={t('myService.rate.comment')} rules={[{ max: 1000 }]} style={{ marginTop: 16 }}>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t('myService.rate.commentPlaceholder')}
          data-testid="rate-comment"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={rate.isPending} data-testid="rate-submit">
        {t('myService.rate.submit')}
      </Button>
    </Form>
  );
}
