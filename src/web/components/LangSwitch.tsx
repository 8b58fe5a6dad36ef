import { GlobalOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import type { TMeResponse } from '../../contracts/auth';
import type { TLocale } from '../../contracts/common';
import { ME_QUERY_KEY } from '../access';
import { useLocale } from '../i18n';
import { api } from '../request';

interface LangSwitchProps {
  /** Signed in: remember the choice on the account as well as in this browser. */
  persist: boolean;
  onSwitch?: (locale: TLocale) => void;
  type?: 'text' | 'default';
}

/** One button that shows the other language, so that a reader of either language can find it. */
export function LangSwitch({ persist, onSwitch, type = 'text' }: LangSwitchProps) {
  const { locale, setLocale, t } = useLocale();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (next: TLocale) => api.put<void>('/api/me/locale', { locale: next }),
    onSuccess: (_result, next) => {
      queryClient.setQueryData<TMeResponse>(ME_QUERY_KEY, (me) =>
        me ? { ...me, user: { ...me.user, locale: next } } : me,
      );
    },
  });
  const switchTo = (next: TLocale) => {
    setLocale(next);
    onSwitch?.(next);
    if (persist) save.mutate(next);
  };
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      onClick={() => switchTo(locale === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </Button>
  );
}
