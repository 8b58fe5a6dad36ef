import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { TLocale } from '../../contracts/common';
import { en } from './en';
import { type MessageKey, type Messages, zhCN } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type TranslateVars = Record<string, string | number | null | undefined>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const STORAGE_KEY = 'hbts.locale';
const DICTIONARIES: Record<TLocale, Messages> = { 'zh-CN': zhCN, en };

function readStoredLocale(): TLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/**
 * The language of the interface lives here as well as in React state, because code outside components (the fetch
 * wrapper's Accept-Language header, the global error handler) needs it too.
 */
let current: TLocale = readStoredLocale();
applyLocale(current);

export function currentLocale(): TLocale {
  return current;
}

function applyLocale(locale: TLocale): void {
  current = locale;
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  document.title = DICTIONARIES[locale]['app.name'];
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

export function translate(locale: TLocale, key: MessageKey, vars?: TranslateVars): string {
  const text = DICTIONARIES[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** Keys under a prefix, e.g. every `audit.action.*` — used to offer filter options for values that have labels. */
export function keysWithPrefix(prefix: string): string[] {
  return Object.keys(zhCN)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

interface LocaleContextValue {
  locale: TLocale;
  setLocale: (locale: TLocale) => void;
  t: Translate;
  /** The label for a key built from data (e.g. an audit action), or the raw value when there is no label. */
  labelOr: (key: string, fallback: string) => string;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<TLocale>(current);
  const setLocale = useCallback((next: TLocale) => {
    applyLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleContextValue>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      labelOr: (key, fallback) => (isMessageKey(key) ? translate(locale, key) : fallback),
    }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale() outside <LocaleProvider>');
  return value;
}

export function useT(): Translate {
  return useLocale().t;
}
