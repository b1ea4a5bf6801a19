import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../web/forms.js';
import { MAX_IMPORT_ROWS } from './response-file.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'validation.invalid');
const optionalDay = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), isoDay.optional());
const optionalCount = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.coerce.number().int().min(1).max(1_000_000).optional(),
);

/** New questionnaire: from the template, a blank start, pasted JSON or an uploaded .json file. */
export const NewQuestionnaireForm = z.object({
  title: requiredText(200),
  description: optionalText(2000),
  source: z.enum(['template', 'blank', 'json', 'file']),
  schema: z.string().max(2_000_000).optional(),
});

export const EditQuestionnaireForm = z.object({
  title: requiredText(200),
  description: optionalText(2000),
  schema: z.string().min(2).max(2_000_000),
});

export const SettingsForm = z.object({
  status: z.enum(['draft', 'open', 'closed']),
  deadline: optionalDay,
  responseLimit: optionalCount,
  anonymous: checkbox,
});

export const SharedLinkForm = z.object({
  limit: optionalCount,
  expiresOn: optionalDay,
});

/** Personal links: one label per line (a name, an e-mail or a code), at most 1000 at a time. */
export const LinksForm = z.object({
  labels: z
    .string()
    .max(200_000)
    .transform((text) => text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''))
    .pipe(z.array(z.string().max(200, 'questionnaires.links.labelTooLong')).min(1, 'questionnaires.links.labelsRequired').max(1000, 'questionnaires.links.tooMany')),
});

/**
 * A JSON object taken as is (not rebuilt key by key as z.record would do, which silently turns a "__proto__" key
 * into a prototype): the answer checks then see, and refuse, every key that was sent.
 */
const plainObject = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'Expected an object of question names and answers');

/** A respondent's autosave or submission. */
export const SubmissionBody = z
  .object({
    version: z.number().int().positive(),
    data: plainObject,
  })
  .strict();

/** API: create a questionnaire. */
export const CreateQuestionnaireRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    schema: plainObject,
  })
  .strict();

/** API: import rows as JSON. */
export const ImportRowsRequest = z
  .object({
    rows: z.array(plainObject).min(1).max(MAX_IMPORT_ROWS),
  })
  .strict();

/** Analysis scope from a query string: `version=<n>|all` and `f.<question>=<code>` filters. */
export function scopeFromQuery(query: Record<string, unknown>): { version?: number; filters: Record<string, string> } {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('f.') || key.length > 90) continue;
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && v !== '' && v.length <= 200) filters[key.slice(2)] = v;
  }
  const raw = Array.isArray(query.version) ? query.version[0] : query.version;
  const version = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
  return { version, filters };
}

/** A short query parameter (question or dimension name). */
export function queryName(query: Record<string, unknown>, key: string): string {
  const raw = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
  return typeof raw === 'string' ? raw.slice(0, 100) : '';
}
