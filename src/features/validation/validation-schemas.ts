import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../web/forms.js';
import type { OutcomeDefinition } from './outcome-definition.js';
import { STRATIFY_VARIABLES } from './validation-population.js';
import { MAX_SEED } from './validation-service.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const isoDate = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').optional());
const toNumber = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v);
/** A decimal form field ('0,5' accepted). */
const decimal = (min: number, max: number) => z.preprocess(toNumber, z.number({ invalid_type_error: 'validation.invalid' }).finite().min(min).max(max));
/** The same, empty → undefined (the optional sits inside the preprocess, so '' is accepted as "not given"). */
const optionalDecimal = (min: number, max: number) => z.preprocess(toNumber, z.number({ invalid_type_error: 'validation.invalid' }).finite().min(min).max(max).optional());
const wholeNumber = (min: number, max: number, fallback?: number) => z.preprocess((v) => toNumber(v) ?? fallback,
  z.number({ invalid_type_error: 'validation.invalid' }).int().min(min).max(max));
const optionalWholeNumber = (min: number, max: number) => z.preprocess(toNumber, z.number({ invalid_type_error: 'validation.invalid' }).int().min(min).max(max).optional());
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), Id.optional());
/** Checkbox groups arrive as one string or an array of strings. */
const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const outcomeFields = {
  outcomeKind: z.enum(['stored', 'classification']),
  horizonMonths: wholeNumber(1, 120, 12),
  dpdAbove: wholeNumber(0, 3650, 90),
  requireFullHorizon: checkbox,
};

/** The new-sample form: population, outcome definition, design, size or calculator, seed. */
export const SampleForm = z.object({
  name: requiredText(200),
  description: optionalText(2000),
  portfolio: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  asOfFrom: isoDate,
  asOfTo: isoDate,
  industry: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_.\-]{1,40}$/, 'validation.invalid').optional()),
  latestPerBorrower: checkbox,
  ...outcomeFields,
  method: z.enum(['simple-random', 'stratified']),
  stratifyBy: list(z.enum(STRATIFY_VARIABLES)),
  gradeVersionId: optionalId,
  allocation: z.enum(['proportional', 'neyman']).default('proportional'),
  minPerStratum: wholeNumber(1, 10_000, 2),
  smallStrata: z.enum(['collapse', 'warn']).default('collapse'),
  oversample: checkbox,
  oversampleFactor: optionalDecimal(1, 1000),
  sampleSize: optionalWholeNumber(1, 10_000_000),
  /** Calculator inputs in percent. */
  confidence: optionalDecimal(50, 99.9),
  margin: optionalDecimal(0.01, 50),
  expectedRate: optionalDecimal(0.01, 99.99),
  seed: optionalWholeNumber(0, MAX_SEED),
});
export type SampleForm = z.infer<typeof SampleForm>;

/** The calculator on its own (GET /validation/samples/new?calculate=1 without JavaScript). */
export const CalculatorQuery = z.object({
  confidence: decimal(50, 99.9),
  margin: decimal(0.01, 50),
  expectedRate: decimal(0.01, 99.99),
  populationSize: optionalWholeNumber(1, 100_000_000),
});

/** The new-run form. PD fields are named pd_<grade> and read separately (percent). */
export const RunForm = z.object({
  sampleId: Id,
  name: requiredText(200),
  versionIds: list(Id).refine((a) => a.length >= 2, 'val.error.twoVersionsShort'),
  referenceVersionId: optionalId,
  outcomeKind: z.enum(['sample', 'stored', 'classification']),
  horizonMonths: outcomeFields.horizonMonths,
  dpdAbove: outcomeFields.dpdAbove,
  requireFullHorizon: checkbox,
  cutoffGrade: z.string().trim().min(1).max(20),
  costRatio: decimal(0.001, 1_000_000),
  referenceFrom: isoDate,
  referenceTo: isoDate,
}).passthrough();
export type RunForm = z.infer<typeof RunForm>;

export function outcomeDefinitionOf(d: { outcomeKind: string; horizonMonths: number; dpdAbove: number; requireFullHorizon: boolean }): OutcomeDefinition | null {
  if (d.outcomeKind === 'stored') return { kind: 'stored' };
  if (d.outcomeKind === 'classification') return { kind: 'classification', horizonMonths: d.horizonMonths, dpdAbove: d.dpdAbove, requireFullHorizon: d.requireFullHorizon };
  return null;
}

/** PD per grade from pd_<grade> fields (percent); a field that is not a number in [0, 100] is an error. */
export function readPdFields(body: Record<string, unknown>, grades: readonly string[]): { pdScale: Record<string, number>; errors: Record<string, string> } {
  const pdScale: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const g of grades) {
    const raw = body[`pd_${g}`];
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
    const x = typeof raw === 'string' ? Number(raw.trim().replace(',', '.')) : NaN;
    if (!(Number.isFinite(x) && x >= 0 && x <= 100)) { errors[`pd_${g}`] = 'validation.invalid'; continue; }
    pdScale[g] = x / 100;
  }
  return { pdScale, errors };
}
