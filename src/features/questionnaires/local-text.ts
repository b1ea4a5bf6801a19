import type { Locale } from '../../i18n/locale.js';

/** A text in both UI languages, read from a SurveyJS localisable string (`"x"` or `{ "default": "x", "zh-cn": "y" }`). */
export interface LocalText {
  en: string;
  zh: string;
}

/** SurveyJS's locale code for a UI locale. */
export function surveyLocale(locale: Locale): '' | 'zh-cn' {
  return locale === 'zh-CN' ? 'zh-cn' : '';
}

/** Reads a SurveyJS localisable value: the locale's own text, else the default text, else the fallback. */
export function readLocalText(value: unknown, fallback: string): LocalText {
  if (typeof value === 'string') return { en: value, zh: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const pick = (...keys: string[]) => {
      for (const key of keys) if (typeof v[key] === 'string' && (v[key] as string).trim() !== '') return v[key] as string;
      return undefined;
    };
    const base = pick('default', 'en') ?? pick('zh-cn', 'zh-CN', 'zh') ?? fallback;
    return { en: pick('en', 'default') ?? base, zh: pick('zh-cn', 'zh-CN', 'zh') ?? base };
  }
  return { en: fallback, zh: fallback };
}

export function textIn(text: LocalText, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}
