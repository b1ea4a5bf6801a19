import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import { deriveIndicators, type FinancialStatement } from '../../domain/credit/derive-indicators.js';
import type { IndicatorDefinition } from '../../domain/credit/index-system.js';
import { isoDayNumber } from '../../domain/credit/iso-day-number.js';
import { LOAN_CLASSIFICATIONS, type LoanClassification } from '../../domain/credit/loan-classification.js';
import { minimumClassification } from '../../domain/credit/minimum-classification.js';
import { classificationRank } from '../../domain/credit/worse-classification.js';

/** Facts beyond indicators: grade-cap flags and early-warning inputs (credit-default-model.md). */
export interface SnapshotExtra {
  dishonestDebtorList?: boolean | null;
  insolvency?: boolean | null;
  inDefault?: boolean | null;
  otherBankOverdue?: boolean | null;
  enforcementListed?: boolean | null;
  utilityCutOff?: boolean | null;
  creditLineUsePct?: number | null;
  collateralValue?: number | null;
  /** Overrides the prosperity index table for the overlay (100 = neutral). */
  prosperityIndex?: number | null;
}

/** A borrower snapshot as imported or entered (before storage). */
export interface SnapshotInput {
  borrowerRef: string;
  borrowerName: string | null;
  asOf: string;
  industry: string | null;
  sizeBand: string | null;
  region: string | null;
  /** Indicator values by id in the units of the default model (explicit values win over derived ones). */
  indicators: Record<string, number | string | null>;
  statement: FinancialStatement | null;
  loanBalance: number | null;
  /** null = not known (never invented). */
  classification: LoanClassification | null;
  daysPastDue: number | null;
  /** Observed outcome: 1 = defaulted / went bankrupt, 0 = did not, null = unknown. */
  outcome: 0 | 1 | null;
  extra: SnapshotExtra;
}

export type FieldType = 'text' | 'date' | 'number' | 'integer' | 'boolean' | 'classification' | 'outcome' | 'size' | 'indicator' | 'statement';

export interface FieldDef {
  key: string;
  group: 'identity' | 'loan' | 'flags' | 'warning' | 'indicator' | 'statement';
  type: FieldType;
  required?: boolean;
  /** Header spellings recognised when guessing the column mapping (compared without case, spaces or punctuation). */
  aliases: string[];
  indicator?: IndicatorDefinition;
  max?: number;
}

export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;

export const STATEMENT_ITEMS: readonly (keyof FinancialStatement)[] = [
  'totalAssets', 'totalAssetsPrior', 'totalLiabilities', 'currentAssets', 'currentLiabilities', 'inventory', 'receivables',
  'revenue', 'revenuePrior', 'costOfGoodsSold', 'netProfit', 'ebit', 'interestExpense', 'depreciation', 'operatingCashFlow',
  'cashAvailableForDebtService', 'debtServiceDue12m', 'top5CustomerRevenue',
];

const STATEMENT_ALIASES: Record<string, string[]> = {
  totalAssets: ['total assets', '资产总额', '总资产'], totalAssetsPrior: ['total assets prior', '上年资产总额', '期初资产总额'],
  totalLiabilities: ['total liabilities', '负债总额', '总负债'], currentAssets: ['current assets', '流动资产'],
  currentLiabilities: ['current liabilities', '流动负债'], inventory: ['inventory', '存货'], receivables: ['receivables', '应收账款'],
  revenue: ['revenue', 'sales', '营业收入'], revenuePrior: ['revenue prior', '上年营业收入'], costOfGoodsSold: ['cogs', 'cost of goods sold', '营业成本'],
  netProfit: ['net profit', '净利润'], ebit: ['ebit', '息税前利润'], interestExpense: ['interest expense', '利息支出'],
  depreciation: ['depreciation', '折旧'], operatingCashFlow: ['operating cash flow', 'cfo', '经营活动现金流量净额'],
  cashAvailableForDebtService: ['cash available for debt service', '可用于偿债的现金'], debtServiceDue12m: ['debt service due', '未来12个月应还本息'],
  top5CustomerRevenue: ['top5 customer revenue', '前五大客户收入'],
};

/** Every importable field: identity, loan facts, flags, early-warning facts, the 26 indicators, statement items. */
export const SNAPSHOT_FIELDS: readonly FieldDef[] = [
  { key: 'borrower', group: 'identity', type: 'text', required: true, max: 100, aliases: ['borrower', 'borrower id', 'customer', 'customer id', 'ref', 'id', '客户号', '客户编号', '借款人编号'] },
  { key: 'name', group: 'identity', type: 'text', max: 200, aliases: ['name', 'borrower name', 'company', '企业名称', '客户名称', '名称'] },
  { key: 'asOf', group: 'identity', type: 'date', required: true, aliases: ['as of', 'asof', 'date', 'as of date', '数据日期', '日期'] },
  { key: 'industry', group: 'identity', type: 'text', max: 40, aliases: ['industry', 'industry code', '行业', '行业代码'] },
  { key: 'sizeBand', group: 'identity', type: 'size', aliases: ['size', 'size band', 'size class', '企业规模', '规模'] },
  { key: 'region', group: 'identity', type: 'text', max: 100, aliases: ['region', 'province', 'city', '地区', '区域'] },
  { key: 'loanBalance', group: 'loan', type: 'number', aliases: ['balance', 'loan balance', 'exposure', 'outstanding', '贷款余额', '余额'] },
  { key: 'classification', group: 'loan', type: 'classification', aliases: ['classification', 'five category', 'loan classification', '五级分类', '分类'] },
  { key: 'daysPastDue', group: 'loan', type: 'integer', aliases: ['dpd', 'days past due', '逾期天数'] },
  { key: 'outcome', group: 'loan', type: 'outcome', aliases: ['outcome', 'default', 'defaulted', 'bad', 'class', '违约', '是否违约'] },
  { key: 'dishonestDebtorList', group: 'flags', type: 'boolean', aliases: ['dishonest debtor', 'dishonest debtor list', '失信被执行人'] },
  { key: 'insolvency', group: 'flags', type: 'boolean', aliases: ['insolvency', 'insolvent', '破产'] },
  { key: 'inDefault', group: 'flags', type: 'boolean', aliases: ['in default', '当前违约'] },
  { key: 'otherBankOverdue', group: 'warning', type: 'boolean', aliases: ['other bank overdue', '他行逾期'] },
  { key: 'enforcementListed', group: 'warning', type: 'boolean', aliases: ['enforcement', 'enforcement listed', '被执行人'] },
  { key: 'utilityCutOff', group: 'warning', type: 'boolean', aliases: ['utility cut off', 'utility cutoff', '停水停电'] },
  { key: 'creditLineUsePct', group: 'warning', type: 'number', aliases: ['credit line use', 'line use pct', '额度使用率'] },
  { key: 'collateralValue', group: 'warning', type: 'number', aliases: ['collateral value', '抵押物价值'] },
  { key: 'prosperityIndex', group: 'warning', type: 'number', aliases: ['prosperity index', 'industry index', '景气指数'] },
  ...DEFAULT_INDEX_SYSTEM.indicators.map((ind): FieldDef => ({
    key: ind.id, group: 'indicator', type: 'indicator', indicator: ind, aliases: [ind.id, ind.names.en, ind.names.zh],
  })),
  ...STATEMENT_ITEMS.map((item): FieldDef => ({ key: item, group: 'statement', type: 'statement', aliases: [item, ...(STATEMENT_ALIASES[item] ?? [])] })),
];

export const FIELD_BY_KEY = new Map(SNAPSHOT_FIELDS.map((f) => [f.key, f]));

/** Lower-case, without spaces, underscores, dashes or punctuation, for matching headers. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-./()%:：（）]+/g, '');
}

/** Column index per field key (or -1), guessed from the headers by key, id and aliases. Each column is used once. */
export function guessMapping(headers: readonly string[]): Record<string, number> {
  const normal = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping: Record<string, number> = {};
  for (const f of SNAPSHOT_FIELDS) {
    const candidates = [f.key, ...f.aliases].map(normaliseHeader);
    let index = -1;
    for (const c of candidates) {
      const i = normal.findIndex((h, k) => h === c && !used.has(k));
      if (i >= 0) { index = i; break; }
    }
    if (index >= 0) used.add(index);
    mapping[f.key] = index;
  }
  return mapping;
}

export interface RowIssue {
  /** Field key (or '' for the row). */
  field: string;
  /** Message-catalogue key. */
  key: string;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  input: SnapshotInput | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 't', '是', '有']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f', '否', '无']);
const CLASS_ALIASES: Record<string, LoanClassification> = {
  normal: 'normal', '正常': 'normal', pass: 'normal',
  specialmention: 'special-mention', sm: 'special-mention', '关注': 'special-mention',
  substandard: 'substandard', '次级': 'substandard',
  doubtful: 'doubtful', '可疑': 'doubtful',
  loss: 'loss', '损失': 'loss',
};
const SIZE_ALIASES: Record<string, string> = {
  micro: 'micro', '微型': 'micro', '微': 'micro', small: 'small', '小型': 'small', '小': 'small',
  medium: 'medium', '中型': 'medium', '中': 'medium', large: 'large', '大型': 'large', '大': 'large',
};

/**
 * A plain decimal as most files write it ('62.5', '-1.396', '.5', '1e3'): the number (NaN when it overflows), or
 * undefined when the text is anything else (spaces, '%', thousands separators, junk). One scan without copies or
 * regular expressions, for the import's inner loop; the same language as parseNumber's last pattern.
 */
function plainDecimal(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  if (c === 43 || c === 45) c = ++i < n ? s.charCodeAt(i) : 0; // + -
  let digits = 0;
  while (c >= 48 && c <= 57) { digits++; c = ++i < n ? s.charCodeAt(i) : 0; }
  if (c === 46) { // .
    c = ++i < n ? s.charCodeAt(i) : 0;
    let fraction = 0;
    while (c >= 48 && c <= 57) { fraction++; c = ++i < n ? s.charCodeAt(i) : 0; }
    if (digits === 0 && fraction === 0) return undefined;
  } else if (digits === 0) return undefined;
  if (i < n && (c === 101 || c === 69)) { // e E
    c = ++i < n ? s.charCodeAt(i) : 0;
    if (c === 43 || c === 45) c = ++i < n ? s.charCodeAt(i) : 0;
    let exponent = 0;
    while (c >= 48 && c <= 57) { exponent++; c = ++i < n ? s.charCodeAt(i) : 0; }
    if (exponent === 0) return undefined;
  }
  if (i !== n) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : Number.NaN;
}

/** A number as people write it: '1,234.5', ' 12.5 ', '12.5%' (the % sign is dropped; values stay in the field's unit). */
export function parseNumber(text: string): number | null {
  const plain = plainDecimal(text);
  if (plain !== undefined) return plain;
  let s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number.NaN;
  const x = Number(s);
  return Number.isFinite(x) ? x : Number.NaN;
}

/**
 * Results of a pure function of short texts that repeat from row to row in a file (dates, size bands,
 * classifications, codes), so that each distinct text is worked out once. Bounded: cleared when full.
 */
class TextMemo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly compute: (text: string) => T, private readonly capacity = 4096) {}
  get(text: string): T {
    let v = this.map.get(text);
    if (v === undefined && !this.map.has(text)) {
      v = this.compute(text);
      if (this.map.size >= this.capacity) this.map.clear();
      this.map.set(text, v);
    }
    return v as T;
  }
}

function parseDateText(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  try { isoDayNumber(iso); return iso; } catch { return null; }
}
const dateMemo = new TextMemo(parseDateText);

/** 'YYYY-MM-DD' from 'YYYY-MM-DD', 'YYYY/MM/DD' or 'YYYY.MM.DD' (single-digit month/day allowed); null if not a real date. */
export function parseDate(text: string): string | null {
  return dateMemo.get(text);
}

function matchCodeText(ind: IndicatorDefinition, text: string): string | null {
  if (ind.rule.kind !== 'codes') return null;
  const t = text.trim();
  const exact = ind.rule.codes.find((c) => c.code === t);
  if (exact) return exact.code;
  const n = normaliseHeader(t);
  const found = ind.rule.codes.find((c) => normaliseHeader(c.code) === n || normaliseHeader(c.labels.en) === n || normaliseHeader(c.labels.zh) === n);
  return found ? found.code : null;
}
const codeMemos = new WeakMap<IndicatorDefinition, TextMemo<string | null>>();

/** The code of a categorical indicator from its code or label (either language, any case); null if unknown. */
export function matchCode(ind: IndicatorDefinition, text: string): string | null {
  let memo = codeMemos.get(ind);
  if (!memo) {
    memo = new TextMemo((t) => matchCodeText(ind, t), 256);
    codeMemos.set(ind, memo);
  }
  return memo.get(text);
}

/** An alias table's value for a text, own keys only ('constructor' or 'toString' are not aliases). */
function aliasOf<T>(table: Readonly<Record<string, T>>, text: string): T | null {
  const key = normaliseHeader(text);
  return Object.hasOwn(table, key) ? (table[key] as T) : null;
}
const sizeMemo = new TextMemo((t) => aliasOf(SIZE_ALIASES, t), 256);
const classificationMemo = new TextMemo((t) => aliasOf(CLASS_ALIASES, t), 256);
const minimumClassificationMemo = new Map<number, LoanClassification>();

/** Values per field key as text (from a file row through the mapping, or from a form). */
export type RawValues = Readonly<Record<string, string | undefined>>;

/** One row being validated: its values and the issues found so far (module-level helpers below fill them in). */
interface RowState {
  readonly raw: RawValues;
  readonly errors: RowIssue[];
  readonly warnings: RowIssue[];
}

function text(row: RowState, key: string): string {
  const v = row.raw[key];
  return v === undefined || v === null ? '' : v.trim();
}
function rowError(row: RowState, field: string, key: string, params?: Record<string, string | number>): void {
  row.errors.push(params ? { field, key, params } : { field, key });
}
function rowWarning(row: RowState, field: string, key: string, params?: Record<string, string | number>): void {
  row.warnings.push(params ? { field, key, params } : { field, key });
}
function textField(row: RowState, key: string, max: number): string | null {
  const v = text(row, key);
  if (v === '') return null;
  if (v.length > max) { rowError(row, key, 'borrowers.issue.tooLong', { max }); return null; }
  return v;
}
function numberField(row: RowState, key: string, min?: number, integer = false): number | null {
  const v = text(row, key);
  if (v === '') return null;
  const x = parseNumber(v);
  if (x === null || Number.isNaN(x)) {
    // "62,5": a decimal comma (thousands are "1,234" and parse); say how to write it.
    rowError(row, key, /^[+-]?\d*,\d+%?$/.test(v.replace(/\s+/g, '')) ? 'borrowers.issue.decimalComma' : 'borrowers.issue.notNumber', { value: v.slice(0, 40) });
    return null;
  }
  if (integer && !Number.isInteger(x)) { rowError(row, key, 'borrowers.issue.notInteger', { value: v.slice(0, 40) }); return null; }
  if (min !== undefined && x < min) { rowError(row, key, 'borrowers.issue.tooSmall', { min }); return null; }
  return x === 0 ? 0 : x;
}
function booleanField(row: RowState, key: string): boolean | null {
  const t = text(row, key);
  if (t === '') return null;
  const v = t.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  rowError(row, key, 'borrowers.issue.notBoolean', { value: v.slice(0, 40) });
  return null;
}

const EXTRA_FLAGS = ['dishonestDebtorList', 'insolvency', 'inDefault', 'otherBankOverdue', 'enforcementListed', 'utilityCutOff'] as const;
const INDICATORS = DEFAULT_INDEX_SYSTEM.indicators;
const ALLOWED_CODES = new Map(INDICATORS.map((ind) => [ind.id, ind.rule.kind === 'codes' ? ind.rule.codes.map((c) => c.code).join(', ') : '']));

/** The flags, statement items and indicators a row may hold, in their order of validation. */
export interface RowFields {
  readonly extraFlags: readonly (typeof EXTRA_FLAGS)[number][];
  readonly statementItems: readonly (keyof FinancialStatement)[];
  readonly indicators: readonly IndicatorDefinition[];
}

const ALL_ROW_FIELDS: RowFields = { extraFlags: EXTRA_FLAGS, statementItems: STATEMENT_ITEMS, indicators: INDICATORS };

/** Only the fields among `keys` (an import's mapped columns): rows that give no other value parse faster. */
export function rowFieldsOf(keys: Iterable<string>): RowFields {
  const given = new Set(keys);
  return {
    extraFlags: EXTRA_FLAGS.filter((k) => given.has(k)),
    statementItems: STATEMENT_ITEMS.filter((k) => given.has(k)),
    indicators: INDICATORS.filter((ind) => given.has(ind.id)),
  };
}

/**
 * Validates one row of raw text values into a snapshot (issue 6 item 4), with errors (the row cannot be stored)
 * and warnings (stored, but worth a look). Indicator values are taken as given in the default model's units;
 * statement items derive the financial indicators (deriveIndicators: a zero or negative denominator gives a
 * missing value with a warning, never Infinity or NaN); an explicit indicator value wins over a derived one.
 * `fields` (rowFieldsOf) may leave out flags, statement items and indicators that `raw` has no value for.
 */
export function parseSnapshotRow(raw: RawValues, defaults: { asOf?: string | null; industry?: string | null } = {}, fields: RowFields = ALL_ROW_FIELDS): ParsedRow {
  const row: RowState = { raw, errors: [], warnings: [] };
  const { errors, warnings } = row;

  const borrowerRef = textField(row, 'borrower', 100);
  if (borrowerRef === null && !errors.some((e) => e.field === 'borrower')) rowError(row, 'borrower', 'borrowers.issue.required');
  const borrowerName = textField(row, 'name', 200);
  let asOf: string | null = null;
  const asOfText = text(row, 'asOf');
  if (asOfText === '') {
    if (defaults.asOf) asOf = defaults.asOf;
    else rowError(row, 'asOf', 'borrowers.issue.required');
  } else {
    asOf = parseDate(asOfText);
    if (asOf === null) rowError(row, 'asOf', 'borrowers.issue.notDate', { value: asOfText.slice(0, 40) });
  }
  const industry = textField(row, 'industry', 40) ?? (defaults.industry || null);
  let sizeBand: string | null = null;
  const sizeText = text(row, 'sizeBand');
  if (sizeText !== '') {
    sizeBand = sizeMemo.get(sizeText);
    if (sizeBand === null) rowError(row, 'sizeBand', 'borrowers.issue.notSize', { value: sizeText.slice(0, 40), allowed: SIZE_BANDS.join(', ') });
  }
  const region = textField(row, 'region', 100);
  const loanBalance = numberField(row, 'loanBalance', 0);
  const daysPastDue = numberField(row, 'daysPastDue', 0, true);
  let classification: LoanClassification | null = null;
  const classificationText = text(row, 'classification');
  if (classificationText !== '') {
    classification = classificationMemo.get(classificationText);
    if (classification === null) rowError(row, 'classification', 'borrowers.issue.notClassification', { value: classificationText.slice(0, 40), allowed: LOAN_CLASSIFICATIONS.join(', ') });
  }
  let outcome: 0 | 1 | null = null;
  if (text(row, 'outcome') !== '') {
    const b = booleanField(row, 'outcome');
    outcome = b === null ? null : b ? 1 : 0;
  }
  const extra: SnapshotExtra = {};
  for (const key of fields.extraFlags) {
    const b = booleanField(row, key);
    if (b !== null) extra[key] = b;
  }
  const creditLineUsePct = numberField(row, 'creditLineUsePct', 0);
  if (creditLineUsePct !== null) extra.creditLineUsePct = creditLineUsePct;
  const collateralValue = numberField(row, 'collateralValue', 0);
  if (collateralValue !== null) extra.collateralValue = collateralValue;
  const prosperityIndex = numberField(row, 'prosperityIndex');
  if (prosperityIndex !== null) extra.prosperityIndex = prosperityIndex;

  // Statement items → derived indicators.
  let statement: Record<string, number> | null = null;
  for (const item of fields.statementItems) {
    const x = numberField(row, item);
    if (x !== null) (statement ??= {})[item] = x;
  }
  const indicators: Record<string, number | string | null> = {};
  if (statement !== null) {
    const derived = deriveIndicators(statement as FinancialStatement);
    for (const [id, v] of Object.entries(derived.values)) if (v !== null) indicators[id] = v;
    for (const note of derived.notes) rowWarning(row, note.indicator, 'borrowers.issue.derivedMissing', { indicator: note.indicator, reason: note.reason });
  }
  for (const ind of fields.indicators) {
    const v = text(row, ind.id);
    if (v === '') continue;
    if (ind.rule.kind === 'codes') {
      const code = matchCode(ind, v);
      if (code === null) rowError(row, ind.id, 'borrowers.issue.unknownCode', { value: v.slice(0, 40), allowed: ALLOWED_CODES.get(ind.id) as string });
      else indicators[ind.id] = code;
    } else {
      const x = numberField(row, ind.id);
      if (x !== null) {
        indicators[ind.id] = x;
        if ((ind.id === 'I21' || ind.id === 'I63') && x > 0 && x <= 1) rowWarning(row, ind.id, 'borrowers.issue.looksLikeFraction', { indicator: ind.id, value: x });
      }
    }
  }
  for (const ind of INDICATORS) {
    if (!ind.reviewAbove) continue;
    const v = indicators[ind.id];
    if (typeof v === 'number' && v > ind.reviewAbove.value) rowWarning(row, ind.id, 'borrowers.issue.review', { indicator: ind.id, value: Math.round(v * 100) / 100 });
  }
  let present = 0;
  for (const id in indicators) if (indicators[id] !== null) present++;
  if (present === 0) rowError(row, '', 'borrowers.issue.noIndicators');
  else if (present < INDICATORS.length / 2) rowWarning(row, '', 'borrowers.issue.manyMissing', { present, total: INDICATORS.length });

  if (classification !== null && daysPastDue !== null) {
    let minimum = minimumClassificationMemo.get(daysPastDue);
    if (minimum === undefined) {
      minimum = minimumClassification(daysPastDue);
      if (minimumClassificationMemo.size < 4096) minimumClassificationMemo.set(daysPastDue, minimum);
    }
    if (classificationRank(classification) < classificationRank(minimum)) rowWarning(row, 'classification', 'borrowers.issue.classificationBelowDpd', { classification, minimum, days: daysPastDue });
  }
  if (errors.length > 0 || borrowerRef === null || asOf === null) return { input: null, errors, warnings };
  return {
    input: {
      borrowerRef, borrowerName, asOf, industry, sizeBand, region, indicators,
      statement: statement as FinancialStatement | null,
      loanBalance, classification, daysPastDue, outcome, extra,
    },
    errors, warnings,
  };
}

/** Raw text values of a stored snapshot, for the edit form (inverse of parseSnapshotRow for what was given). */
export function snapshotToRaw(s: SnapshotInput): Record<string, string> {
  const out: Record<string, string> = {
    borrower: s.borrowerRef, name: s.borrowerName ?? '', asOf: s.asOf, industry: s.industry ?? '', sizeBand: s.sizeBand ?? '',
    region: s.region ?? '', loanBalance: s.loanBalance === null ? '' : String(s.loanBalance), classification: s.classification ?? '',
    daysPastDue: s.daysPastDue === null ? '' : String(s.daysPastDue), outcome: s.outcome === null ? '' : String(s.outcome),
  };
  for (const [k, v] of Object.entries(s.extra)) if (v !== null && v !== undefined) out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  const derivedFromStatement = s.statement ? deriveIndicators(s.statement).values : null;
  for (const [id, v] of Object.entries(s.indicators)) {
    if (v === null) continue;
    // A value the statement derives is not repeated as an explicit value (editing the statement updates it).
    if (derivedFromStatement && (derivedFromStatement as Record<string, number | null>)[id] === v) continue;
    out[id] = String(v);
  }
  if (s.statement) for (const [k, v] of Object.entries(s.statement)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}
