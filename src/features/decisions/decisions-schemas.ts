import { z } from 'zod';
import { STATEMENT_ITEMS } from '../borrowers/snapshot-fields.js';
import { ScoreRequest } from '../models/models-schemas.js';

/** A request id chosen by the caller: printable, no spaces, at most 100 characters. */
export const RequestId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:\-/]{0,99}$/, 'requestId must be 1–100 letters, digits or . _ : - / (starting with a letter or digit)');

const money = z.number().finite().nonnegative().max(1e13);

const statementShape: Record<string, z.ZodTypeAny> = {};
for (const item of STATEMENT_ITEMS) statementShape[item] = z.number().finite().min(-1e13).max(1e13).nullable().optional();
/** Statement items the indicators were derived from (currency units; see deriveIndicators). Unknown items are refused. */
export const StatementItems = z.object(statementShape).strict();

/**
 * The borrower of an application: exactly the scoring API's borrower (POST /api/v1/models/{id}/score: industry,
 * asOf, indicators, flags, daysPastDue, inDefault, prosperityIndex), with `asOf` required (the staleness check
 * reads it), plus what identifies the borrower for the loophole checks and what the policy reads: `ref` (the
 * bank's borrower reference, as in the borrower book), `sizeBand` (one of the policy's bands), `branch` and
 * `region`, the `statement` items behind the ratios, an optional `existingExposure` (else the book's), and the
 * early-warning facts of a borrower snapshot.
 */
export const DecisionBorrower = ScoreRequest.extend({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be a date YYYY-MM-DD'),
  ref: z.string().trim().min(1).max(100),
  name: z.string().trim().max(200).nullable().optional(),
  sizeBand: z.string().trim().min(1).max(20),
  branch: z.string().trim().max(100).nullable().optional(),
  region: z.string().trim().max(100).nullable().optional(),
  statement: StatementItems.nullable().optional(),
  existingExposure: money.nullable().optional(),
  otherBankOverdue: z.boolean().nullable().optional(),
  enforcementListed: z.boolean().nullable().optional(),
  utilityCutOff: z.boolean().nullable().optional(),
  creditLineUsePct: z.number().finite().min(0).max(1000).nullable().optional(),
  collateralValue: money.nullable().optional(),
}).strict();

/** POST /api/v1/decisions (and the application page, which builds the same body). Unknown keys are refused. */
export const DecisionRequest = z.object({
  requestId: RequestId,
  borrower: DecisionBorrower,
  amount: z.number().finite().positive().max(1e13),
  termMonths: z.number().int().min(1).max(600),
}).strict();

export type DecisionRequestBody = z.infer<typeof DecisionRequest>;
export type DecisionBorrowerBody = z.infer<typeof DecisionBorrower>;

/** An officer's decision on a case (form or JSON). */
export const OfficerDecisionInput = z.object({
  decision: z.enum(['approve', 'decline']),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, 'validation.required').max(4000)),
  reasonCode: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(60).optional()),
  note: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v === null ? undefined : v), z.string().max(4000).optional()),
  limit: z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.replace(/[,\s]/g, '')) : v), z.number().finite().positive().max(1e13).optional()),
  revision: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v), z.number().int().min(0).optional()),
});
export type OfficerDecision = z.infer<typeof OfficerDecisionInput>;

/** The second officer's answer to a decision that needs one. */
export const SecondApprovalInput = z.object({
  confirm: z.preprocess((v) => (v === 'confirm' || v === true || v === 'true' ? true : v === 'reject' || v === false || v === 'false' ? false : v), z.boolean()),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, 'validation.required').max(4000)),
  revision: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v), z.number().int().min(0).optional()),
});
export type SecondApproval = z.infer<typeof SecondApprovalInput>;

export const OutcomeInput = z.object({
  outcome: z.enum(['defaulted', 'performing']),
  note: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v === null ? undefined : v), z.string().max(4000).optional()),
});
