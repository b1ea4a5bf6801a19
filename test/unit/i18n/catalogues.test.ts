import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/i18n/catalogue.js';
import { negotiateLocale } from '../../../src/i18n/locale.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { PROJECT_ROOT } from '../../../src/project-root.js';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

describe('message catalogues', () => {
  it('have the same keys in English and Chinese, none empty', () => {
    const en = Object.keys(CATALOGUES.en).sort();
    const zh = Object.keys(CATALOGUES['zh-CN']).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(CATALOGUES[locale])) expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('contain every literal key the views ask for with t(…)', () => {
    const missing: string[] = [];
    for (const file of files(join(PROJECT_ROOT, 'views'), '.ejs')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([a-zA-Z0-9_.-]+)'\s*[,)]/g)) {
        const key = match[1] as string;
        if (!(key in CATALOGUES.en)) missing.push(`${file.slice(PROJECT_ROOT.length)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('translate with placeholders and fall back to the key', () => {
    const t = createTranslator(CATALOGUES, 'zh-CN');
    expect(t('common.pageOf', { page: 2, pages: 5 })).toBe('第 2 页，共 5 页');
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe('negotiateLocale (RFC 9110 Accept-Language)', () => {
  it.each([
    [undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh;q=0.5', 'en'],
    ['fr-FR, zh;q=0.7, en;q=0.3', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['de', 'en'],
    ['en;q=0, zh;q=0.1', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
