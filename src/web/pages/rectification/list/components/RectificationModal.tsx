import { Descriptions, Modal, Typography } from 'antd';
import type { TRectification } from '../../../../../contracts/service-record';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { RatingTag } from '../../../service/shared/service-labels';
import { RectificationAnswerForm, RectificationFollowUpForm } from '../../shared/RectificationForms';

interface RectificationModalProps {
  rectification: TRectification;
  mode: 'answer' | 'followUp';
  onClose: () => void;
}

/** 答复 (centre) or 跟踪 (county) from the list, with the rating and the answer the step is about. */
export function RectificationModal({ rectification: r, mode, onClose }: RectificationModalProps) {
  const { t, locale } = useLocale();
  return (
    <Modal
      open
      width={600}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      title={`${t(mode === 'answer' ? 'service.rectification.answer' : 'service.rectification.followUp')} · ${r.recordNumber}`}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('service.field.enterprise')}>{r.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('service.field.rating')}>
          <RatingTag level={r.ratingLevel} />
          {r.ratingComment && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.ratingComment}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.rectification.field.dueOn')}>
          {formatDate(r.dueOn, locale)}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.calendar}
            </Typography.Text>
          </div>
        </Descriptions.Item>
        {mode === 'followUp' && (
          <Descriptions.Item label={t('service.rectification.field.answer')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.answer ?? '—'}</Typography.Text>
          </Descriptions.Item>
        )}
        {mode === 'answer' && r.followUp && (
          <Descriptions.Item label={t('service.rectification.field.followUp')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.followUp}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {mode === 'answer' ? (
        <RectificationAnswerForm rectification={r} onDone={onClose} onCancel={onClose} />
      ) : (
        <RectificationFollowUpForm rectification={r} onDone={onClose} onCancel={onClose} />
      )}
    </Modal>
  );
}
