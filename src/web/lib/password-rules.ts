import type { FormRule } from 'antd';
import { ZNewPassword } from '../../contracts/auth';
import type { Translate } from '../i18n';

/** The server's password rule (等保 2.0: ≥ 8 characters, 3 of 4 classes), checked in the form with the same schema. */
export function newPasswordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('common.required', { field: t('password.new') }) },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        const result = ZNewPassword.safeParse(value);
        if (result.success) return;
        const code = result.error.issues[0]?.message;
        throw new Error(code === 'PASSWORD_TOO_SHORT' ? t('password.tooShort') : t('password.tooWeak'));
      },
    },
  ];
}
