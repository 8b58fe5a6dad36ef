import type { App, FormInstance } from 'antd';
import { currentLocale, translate } from './i18n';
import { ApiError } from './request';

/**
 * The one place that turns a failed request into something the user sees (CONVENTIONS §15). The message API comes
 * from antd's <App> so that toasts follow the theme and language; the sign-in redirect comes from the router.
 */
type MessageApi = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageApi | null = null;
let onUnauthorized: (() => void) | null = null;

export function setMessageApi(api: MessageApi): void {
  messageApi = api;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate(currentLocale(), 'error.page.text');
}

export function handleApiError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    // "Please sign in first" on the way to the sign-in page is noise; "your session expired" is worth saying.
    if (error.code !== 'AUTH_REQUIRED') messageApi?.error(error.message);
    onUnauthorized?.();
    return;
  }
  messageApi?.error(errorMessage(error));
  if (!(error instanceof ApiError)) console.error(error);
}

interface FieldProblem {
  field: string;
  reason: string;
}

function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldProblem =>
      typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.reason === 'string',
  );
}

/**
 * Put the server's per-field reasons under the matching form fields; returns whether any matched. `codeFields` ties
 * a domain error to the field it is about (USERNAME_TAKEN → username), so the message also appears where to fix it.
 */
export function showFieldErrors(form: FormInstance, error: unknown, codeFields: Record<string, string> = {}): boolean {
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const problems = fieldProblems(error);
  if (error instanceof ApiError && codeFields[error.code]) {
    problems.push({ field: codeFields[error.code], reason: error.message });
  }
  const shown = problems.filter((p) => known.has(p.field.split('.')[0]));
  if (shown.length === 0) return false;
  form.setFields(shown.map((p) => ({ name: p.field.split('.'), errors: [p.reason] })));
  return true;
}
