import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface FilterBarProps<V> {
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onSearch: (values: V) => void;
  /** Link to the same list as .xlsx; the browser downloads it with the session cookie. */
  exportHref?: string;
  /** Buttons on the right, e.g. 新增. */
  actions?: ReactNode;
  children: ReactNode;
}

/** The row of filters above every list: 查询 applies them, 重置 clears them, 导出 downloads what is shown. */
export function FilterBar<V>({ form, initialValues, onSearch, exportHref, actions, children }: FilterBarProps<V>) {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
      <Form<V>
        form={form}
        layout="inline"
        initialValues={initialValues}
        onFinish={onSearch}
        style={{ rowGap: 12, flex: '1 1 560px', minWidth: 0 }}
      >
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                form.resetFields();
                onSearch(form.getFieldsValue());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Space>
        {exportHref && (
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="export-xlsx">
            {t('common.export')}
          </Button>
        )}
        {actions}
      </Space>
    </div>
  );
}
