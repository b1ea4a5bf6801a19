import type { Locale } from './locale.js';

export type MessageCatalogue = Record<string, string>;
export type AreaMessages = { en: MessageCatalogue; 'zh-CN': MessageCatalogue };
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Builds `t(key, params)` for one locale over the merged catalogues. `{name}` placeholders are replaced by params.
 * A missing key falls back to English, then to the key itself, so a page never breaks on a missing string
 * (a unit test keeps both catalogues complete).
 */
export function createTranslator(catalogues: Record<Locale, MessageCatalogue>, locale: Locale): Translate {
  const primary = catalogues[locale];
  const fallback = catalogues.en;
  return (key, params) => {
    const template = primary[key] ?? fallback[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

/** Merges the per-area message files; a key defined twice is a programming error. */
export function mergeCatalogues(areas: AreaMessages[]): Record<Locale, MessageCatalogue> {
  const merged: Record<Locale, MessageCatalogue> = { en: {}, 'zh-CN': {} };
  for (const area of areas) {
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(area[locale])) {
        if (key in merged[locale]) throw new Error(`i18n: message key defined twice: ${key} (${locale})`);
        merged[locale][key] = value;
      }
    }
  }
  return merged;
}
