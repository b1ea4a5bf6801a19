import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../web/forms.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IndicatorCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
export const IndustryCode = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().regex(/^[A-Za-z0-9_.\-]{1,40}$/, 'models.industryCode'));

const isoDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').optional(),
);
/** A decimal form field ('0,5' accepted); empty → undefined. */
export const decimal = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v), z.number().finite().min(min).max(max));
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), Id.optional());

/** New version form: the source and its parameters. */
export const NewVersionForm = z.object({
  name: requiredText(200),
  description: optionalText(4000),
  rationale: requiredText(2000),
  source: z.enum(['template', 'weight-set', 'time-decay', 'copy']),
  weightSetId: optionalId,
  baseVersionId: optionalId,
  blend: checkbox,
  theta: decimal(0, 1).optional(),
  copyOf: optionalId,
  lambda: decimal(0.01, 1).optional(),
});

export const DetailsForm = z.object({
  name: requiredText(200),
  description: optionalText(4000),
  effectiveFrom: isoDate,
  missingPolicy: z.enum(['renormalise-within-criterion', 'score-zero']),
  collateralMode: z.enum(['borrower-score', 'facility-grade-only']),
  rationale: optionalText(2000),
});

export const ApproveForm = z.object({ effectiveFrom: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.required')), rationale: requiredText(2000) });
export const RationaleForm = z.object({ rationale: requiredText(2000) });

export const OverlayForm = z.object({
  enabled: checkbox,
  neutralIndex: decimal(0, 1000).default(100),
  pointsPerIndexPoint: decimal(0, 10).default(0.25),
  maxPoints: decimal(0, 10).default(5),
  rationale: requiredText(2000),
});

export const VariantForm = z.object({
  industry: IndustryCode,
  nameEn: optionalText(200),
  nameZh: optionalText(200),
  indicatorTilts: optionalText(2000),
  rationale: requiredText(2000),
}).passthrough();

const onOff = checkbox;
const optionalNumber = (min: number, max: number) => z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))) : v ?? null), z.number().finite().min(min).max(max).nullable());

export const EarlyWarningForm = z.object({
  redDpd: optionalNumber(0, 10000),
  redOtherBank: onOff,
  redListing: onOff,
  redTaxGrades: optionalText(40),
  redUtility: onOff,
  amberDpdFrom: optionalNumber(0, 10000),
  amberRevenueDrop: optionalNumber(0, 100),
  amberLinePct: optionalNumber(0, 100),
  amberLineMonths: optionalNumber(1, 24),
  amberCollateralDrop: optionalNumber(0, 100),
  amberIndexBelow: optionalNumber(0, 1000),
  amberIndexQuarters: optionalNumber(1, 12),
  amberDowngradeNotches: optionalNumber(1, 20),
  amberDowngradeDays: optionalNumber(1, 3650),
  rationale: requiredText(2000),
});

export const DefinitionForm = z.object({ definition: z.string().min(2).max(2_000_000), rationale: requiredText(2000) });

export const DiffQuery = z.object({ a: optionalId, b: optionalId });

/** The scoring API's borrower (issue 6 item 8); unknown keys are refused. */
export const ScoreRequest = z.object({
  industry: z.string().max(40).nullable().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be a date YYYY-MM-DD').nullable().optional(),
  indicators: z.record(z.string().max(40), z.union([z.number(), z.string().max(60), z.null()])),
  flags: z.object({ dishonestDebtorList: z.boolean().optional(), insolvency: z.boolean().optional() }).strict().optional(),
  daysPastDue: z.number().min(0).nullable().optional(),
  inDefault: z.boolean().nullable().optional(),
  prosperityIndex: z.number().nullable().optional(),
}).strict();

export const MAX_BATCH = 10_000;
export const ScoreBatchRequest = z.object({ borrowers: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();
