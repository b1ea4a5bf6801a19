import { z } from 'zod';
import { AGGREGATION_MODES } from '../../domain/ahp/aggregate-report.js';
import { PRIORITY_METHODS } from '../../domain/ahp/ahp-types.js';
import { RI_TABLE_NAMES } from '../../domain/ahp/random-index.js';
import { checkbox, optionalText, requiredText } from '../../web/forms.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);

const method = z.enum(PRIORITY_METHODS as [string, ...string[]]);
const riTable = z.enum(RI_TABLE_NAMES as [string, ...string[]]);
const mode = z.enum(AGGREGATION_MODES as [string, ...string[]]);
const isoDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').optional(),
);
const decimal = (min: number, max: number) => z.preprocess((v) => (typeof v === 'string' ? Number(v.trim().replace(',', '.')) : v), z.number().finite().min(min).max(max));

/** Round settings form (create and edit). */
export const RoundForm = z.object({
  label: requiredText(120),
  priorityMethod: method.default('eigenvector'),
  riTable: riTable.default('saaty'),
  crThreshold: decimal(0.01, 1).default(0.1),
  allowNoOpinion: checkbox,
  crPolicy: z.enum(['warn', 'require']).default('warn'),
  deadline: isoDate,
  introEn: optionalText(4000),
  introZh: optionalText(4000),
});
export type RoundFormData = z.infer<typeof RoundForm>;

/** One expert added by hand. */
export const InvitationForm = z.object({
  name: requiredText(200),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().email().max(254).optional()),
  organisation: optionalText(200),
  weight: z.preprocess((v) => (v === '' || v === undefined ? 1 : v), decimal(0.01, 100)),
  expiresAt: isoDate,
});
export type InvitationFormData = z.infer<typeof InvitationForm>;

export const BulkInvitationForm = z.object({
  list: z.string().min(1).max(100_000),
  expiresAt: isoDate,
});

/** Links shown once after creation, posted back to download them as CSV (checked against their hashes). */
export const LinksCsvForm = z.object({
  token: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string().max(64)).min(1).max(500)),
});

const judgment = z
  .object({
    parent: z.number().int().positive(),
    left: z.number().int().positive(),
    right: z.number().int().positive(),
    value: z.union([z.number().finite().positive(), z.null()]),
  })
  .strict();
const pair = z.object({ parent: z.number().int().positive(), left: z.number().int().positive(), right: z.number().int().positive() }).strict();

/** Body of POST /e/:token/autosave. */
export const AutosaveRequest = z
  .object({
    judgments: z.array(judgment).max(500).default([]),
    clear: z.array(pair).max(500).default([]),
    page: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type AutosaveInput = z.infer<typeof AutosaveRequest>;

export const SubmitRequest = z.object({}).strict();

/** The aggregation form (pages). Expert ids and weights arrive as repeated keys expert=<id>, weight_<id>=<x>. */
export const WeightSetFormBase = z.object({
  label: optionalText(200),
  mode: mode.default('aij'),
  method: method.default('eigenvector'),
  riTable: riTable.default('saaty'),
  seed: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(0).max(2_147_483_647).optional()),
});

/** Body of POST /api/v1/rounds/{id}/weight-sets. */
export const WeightSetRequest = z
  .object({
    experts: z.array(z.number().int().positive()).min(1).max(1000).optional(),
    expertWeights: z.record(z.string().regex(/^\d+$/), z.number().finite().positive()).optional(),
    mode: mode.optional(),
    method: method.optional(),
    riTable: riTable.optional(),
    label: z.string().trim().min(1).max(200).optional(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict();
export type WeightSetRequestInput = z.infer<typeof WeightSetRequest>;

export const CompareQuery = z.object({ a: Id, b: Id });
export const ExportFormat = z.enum(['csv', 'xlsx', 'json']);
