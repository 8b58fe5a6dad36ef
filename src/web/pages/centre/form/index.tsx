import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { PageSpinner } from '../../../components/PageResults';
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
  if (detail.isPending) return <PageSpinner />;
  if (!detail.data) return <Result status="warning" title={t('centre.notFound')} />;
  const editable = detail.data.allowedActions.includes('update');
  return (
    <Card
      title={`${t('centre.form.editTitle')} · ${detail.data.name}`}
      extra={
        <Link to={`/centres/${id}`}>
          <Button type="text" icon={<ArrowLeftOutlined />}>
            {t('common.back')}
          </Button>
        </Link>
      }
    >
      {editable ? <CentreForm centre={detail.data} /> : <Result status="info" title={t('centre.form.notEditable')} />}
    </Card>
  );
}
