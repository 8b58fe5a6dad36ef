import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { detailView } from '../../../components/DetailPage';
import { useT } from '../../../i18n';
import { useCentreDetail } from '../shared/queries';
import { CentreForm } from './components/CentreForm';

/** 新建设立申请 (county): a fresh draft. */
export function CentreCreatePage() {
  const t = useT();
  return (
    <Card
      title={t('centre.form.createTitle')}
      extra={
        <Link to="/centres">
          <Button type="text" icon={<ArrowLeftOutlined />}>
            {t('common.back')}
          </Button>
        </Link>
      }
    >
      <CentreForm />
    </Card>
  );
}

/** 编辑设立申请 (county): a draft or a returned application, saved with the version it was loaded at. */
export function CentreEditPage() {
  const t = useT();
  const id = Number(useParams().id);
  const detail = useCentreDetail(id);
  const view = detailView(detail, {
    title: t('centre.notFound'),
    backTo: '/centres',
    backLabel: t('centre.backToList'),
  });
  if (view.fallback) return view.fallback;
  const centre = view.data;
  const editable = centre.allowedActions.includes('update');
  return (
    <Card
      title={`${t('centre.form.editTitle')} · ${centre.name}`}
      extra={
        <Link to={`/centres/${id}`}>
          <Button type="text" icon={<ArrowLeftOutlined />}>
            {t('common.back')}
          </Button>
        </Link>
      }
    >
      {editable ? <CentreForm centre={centre} /> : <Result status="info" title={t('centre.form.notEditable')} />}
    </Card>
  );
}
