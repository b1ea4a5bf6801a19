import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import { issueMessageKey } from '../../web/forms.js';
import { parseNumber, STATEMENT_ITEMS } from '../borrowers/snapshot-fields.js';
import { DecisionRequest, type DecisionRequestBody } from './decisions-schemas.js';

/** Fields of the application page outside indicators and statement items, in form order. */
export const APPLICATION_TEXT_FIELDS = ['ref', 'name', 'industry', 'branch', 'region', 'asOf'] as const;
export const APPLICATION_NUMBER_FIELDS = ['amount', 'termMonths', 'existingExposure', 'daysPastDue', 'prosperityIndex', 'creditLineUsePct', 'collateralValue'] as const;
export const APPLICATION_FLAG_FIELDS = ['dishonestDebtorList', 'insolvency', 'inDefault', 'otherBankOverdue', 'enforcementListed', 'utilityCutOff'] as const;

export type RawForm = Record<string, unknown>;

/**
 * The API body (DecisionRequest) built from the application page's form, so that the page and POST
 * /api/v1/decisions decide the very same input: empty fields are left out (a missing indicator is missing, as in
 * the API), numbers are read as people write them ('1,200,000'), yes/no selects become booleans. Returns the body,
 * or field errors keyed by form field name (message-catalogue keys or the schema's sentence).
 */
export function applicationBodyFromForm(raw: RawForm, model: CreditModelDefinition): { body: DecisionRequestBody; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (k: string): string | undefined => {
    const v = raw[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const number = (k: string): number | undefined => {
    const v = text(k);
    if (v === undefined) return undefined;
    const x = parseNumber(v);
    if (x === null || Number.isNaN(x)) { errors[k] = 'decisions.form.notNumber'; return undefined; }
    return x;
  };
  const flag = (k: string): boolean | undefined => {
    const v = text(k);
    return v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : undefined;
  };

  const indicators: Record<string, number | string | null> = {};
  for (const ind of model.indicators) {
    if (ind.rule.kind === 'codes') {
      const v = text(ind.id);
      if (v !== undefined) indicators[ind.id] = v;
    } else {
      const x = number(ind.id);
      if (x !== undefined) indicators[ind.id] = x;
    }
  }
  const statement: Record<string, number> = {};
  for (const item of STATEMENT_ITEMS) {
    const x = number(item);
    if (x !== undefined) statement[item] = x;
  }
  const flags: Record<string, boolean> = {};
  for (const k of ['dishonestDebtorList', 'insolvency'] as const) {
    const b = flag(k);
    if (b !== undefined) flags[k] = b;
  }
  const borrower: Record<string, unknown> = { ref: text('ref'), sizeBand: text('sizeBand'), asOf: text('asOf'), indicators };
  for (const k of ['name', 'industry', 'branch', 'region'] as const) if (text(k) !== undefined) borrower[k] = text(k);
  for (const k of ['existingExposure', 'daysPastDue', 'prosperityIndex', 'creditLineUsePct', 'collateralValue'] as const) {
    const x = number(k);
    if (x !== undefined) borrower[k] = x;
  }
  for (const k of ['inDefault', 'otherBankOverdue', 'enforcementListed', 'utilityCutOff'] as const) {
    const b = flag(k);
    if (b !== undefined) borrower[k] = b;
  }
  if (Object.keys(flags).length) borrower.flags = flags;
  if (Object.keys(statement).length) borrower.statement = statement;
  const body = { requestId: text('requestId'), borrower, amount: number('amount'), termMonths: number('termMonths') };

  const parsed = DecisionRequest.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const field = path[0] === 'borrower' ? (path[1] === 'indicators' || path[1] === 'statement' || path[1] === 'flags' ? path[2] ?? path[1]! : path[1] ?? 'borrower') : path[0] ?? '_form';
      errors[field] ??= issueMessageKey(issue);
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { body: null, errors };
  return { body: parsed.data, errors: null };
}
