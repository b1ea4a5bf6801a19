import { z } from 'zod';
import { optionalText, requiredText } from '../../web/forms.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), Id.optional());
const optionalNumber = (min: number, max: number, int = false) => z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(/[\s,_]/g, ''))) : v),
  (int ? z.number().int() : z.number()).finite().min(min).max(max).optional(),
);

export const NewPolicyForm = z.object({
  name: requiredText(200),
  description: optionalText(4000),
  source: z.enum(['default', 'copy']),
  modelVersionId: optionalId,
  copyOf: optionalId,
});

export const DetailsFields = z.object({
  name: requiredText(200),
  description: optionalText(4000),
  effectiveFrom: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'policies.effectiveFromInvalid')]).optional()),
});

/** Dry-run parameters (query of the dry-run page, hidden fields of the approval form). */
export const DryRunQuery = z.object({
  portfolio: optionalText(200),
  baseline: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.union([z.literal('none'), Id]).optional()),
  termMonths: optionalNumber(1, 600, true),
  defaultAmount: optionalNumber(1, 1e13),
  sampleSize: optionalNumber(1, 1_000_000, true),
  seed: optionalNumber(0, 2 ** 31, true),
});

export const ApproveForm = z.object({
  effectiveFrom: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'policies.effectiveFromInvalid')),
  rationale: requiredText(2000),
}).passthrough();

export const RationaleForm = z.object({ rationale: requiredText(2000) });

export const DiffQuery = z.object({ a: optionalId, b: optionalId });
