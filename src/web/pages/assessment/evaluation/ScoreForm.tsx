import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { GRADE_NAMES, type TGrade } from '../../../../contracts/assessment';
import type { TEvaluation, TFinishScoringRequest } from '../../../../contracts/assessment-evaluation';
import { useLocale } from '../../../i18n';
import { api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { EVALUATION_KEY } from '../shared/evaluation-api';

type Values = Record<string, { score?: number; remark?: string }>;

/**
 * The agency's scores (Art. 12(二)(3)): each indicator the system leaves to the evaluator, 0 – its weight with a
 * remark; 完成评分 sends them all at once and the platform computes the total and grade.
 */
export function ScoreForm({ e }: { e: TEvaluation }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ scores: Values }>();
  const scored = e.indicators.filter((i) => i.source === 'evaluator');
  const initial: Values = Object.fromEntries(
    scored.map((i) => [i.key, { score: i.points ?? undefined, remark: i.remark ?? undefined }]),
  );
  const finish = useMutation({
    mutationFn: (body: TFinishScoringRequest) =>
      api.post<{ total: number; grade: TGrade }>(`/api/assessment/submissions/${e.submissionId}/scores`, body),
    onSuccess: (r) => {
      message.success(t('evaluation.score.done', { total: r.total.toFixed(2), grade: GRADE_NAMES[r.grade][locale] }));
      void queryClient.invalidateQueries({ queryKey: EVALUATION_KEY });
    },
    meta: { silent: true },
    onError: (error) => {
      if (!showFieldErrors(form, error)) message.error((error as Error).message);
    },
  });
  return (
    <Card title={t('evaluation.score.title')} size="small" data-testid="evaluation-score">
      <Typography.Paragraph type="secondary">{t('evaluation.score.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ scores: initial }}
        onFinish={(v) =>
          finish.mutate({
            scores: scored.map((i) => ({
              indicatorKey: i.key,
              score: v.scores[i.key]?.score ?? 0,
              remark: v.scores[i.key]?.remark ?? '',
            })),
          })
        }
      >
        {scored.map((i) => (
          <Space key={i.key} orientation="vertical" size={0} style={{ width: '100%', marginBottom: 8 }}>
            <Typography.Text strong>{i.name[locale]}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.guidance}
            </Typography.Text>
            <Space wrap align="start" style={{ width: '100%', marginTop: 8 }}>
              <Form.Item
                name={['scores', i.key, 'score']}
                label={t('evaluation.score.points', { weight: i.weight })}
                rules={[{ required: true }, { type: 'number', min: 0, max: i.weight }]}
              >
                <InputNumber min={0} max={i.weight} step={0.5} precision={2} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item
                name={['scores', i.key, 'remark']}
                label={t('evaluation.score.remark')}
                rules={[{ required: true, whitespace: true, max: 1000 }]}
                style={{ minWidth: 260, flex: 1 }}
              >
                <Input.TextArea rows={2} maxLength={1000} style={{ width: 'min(520px, 80vw)' }} />
              </Form.Item>
            </Space>
          </Space>
        ))}
        <Button type="primary" htmlType="submit" loading={finish.isPending} data-testid="evaluation-finish">
          {t('evaluation.score.finish')}
        </Button>
      </Form>
    </Card>
  );
}
