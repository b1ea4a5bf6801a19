import { Model } from 'survey-core';
import 'survey-core/i18n/simplified-chinese';
import type { ItemChoice, ItemSpec } from '../../domain/statistics/item-spec.js';
import { validateItemSpecs } from '../../domain/statistics/validate-item-specs.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Locale } from '../../i18n/locale.js';
import { readLocalText, surveyLocale, textIn, type LocalText } from './local-text.js';
import { sanitiseHtml } from './sanitise-html.js';
import { registerAnalysisProperties } from './survey-custom-properties.js';

export type AnswerValue = string | number | boolean;

/** What the server knows about one question: enough to validate answers, analyse them and label them. */
export interface QuestionDef {
  name: string;
  /** The SurveyJS type (rating, radiogroup, dropdown, checkbox, tagbox, boolean, text, comment). */
  type: string;
  title: LocalText;
  /** How the answers are analysed. */
  kind: 'likert' | 'choice' | 'text' | 'number';
  /** Several answers at once (checkbox, tagbox). */
  multiple: boolean;
  /** Every answer value the question accepts, in display order (with "other" / "none" when enabled). */
  choices: Array<{ value: AnswerValue; text: LocalText }>;
  otherValue: string | null;
  noneValue: string | null;
  /** The data key of the free-text box of "other" or of a comment area (`<name>-Comment`), if any. */
  commentKey: string | null;
  /** Likert items: the whole-number scale. */
  scale: { min: number; max: number } | null;
  /** Number questions: the declared bounds. */
  min: number | null;
  max: number | null;
  inputType: string | null;
  maxLength: number;
  maxSelected: number | null;
  required: boolean;
  dimension: string | null;
  reverse: boolean;
  /** Zero-based page number. */
  page: number;
  /** A single-answer choice question outside any dimension: offered as a filter and a grouping. */
  profile: boolean;
}

/** One problem with an authored questionnaire: the element it is about and a message-catalogue code. */
export interface SchemaIssue {
  element: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export class SurveySchemaError extends Error {
  constructor(readonly issues: SchemaIssue[]) {
    super(`The questionnaire JSON has ${issues.length} problem(s).`);
    this.name = 'SurveySchemaError';
  }
}

export interface CompiledSurvey {
  /** The sanitised JSON (what is stored and sent to respondents). */
  schema: Record<string, unknown>;
  title: LocalText;
  questions: QuestionDef[];
  byName: Map<string, QuestionDef>;
  dimensions: string[];
  /** Item specifications for src/domain/statistics, labelled in one language. */
  itemSpecs(locale: Locale): ItemSpec[];
  /** A SurveyJS model of this questionnaire in one language, for validation (cached; use synchronously). */
  model(locale: Locale): Model;
}

/** Question types the analysis understands; html and panel only structure the page. */
export const SUPPORTED_TYPES = ['text', 'comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'boolean', 'html', 'panel'] as const;
const SUPPORTED = new Set<string>(SUPPORTED_TYPES);
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'email', 'tel', 'url', 'date', 'month']);
/** Properties rendered as HTML by SurveyJS (and descriptions, sanitised the same way to be safe). */
const HTML_PROPERTIES = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml', 'description']);
/** Properties that would fetch data from elsewhere, send respondents elsewhere, or store answers under other keys. */
const FORBIDDEN_PROPERTIES = new Set([
  'choicesByUrl', 'surveyId', 'surveyPostId', 'navigateToUrl', 'navigateToUrlOnCondition', 'valueName', 'valuePropertyName',
  'choicesFromQuestion', 'templateElements', '__proto__', 'constructor', 'prototype',
]);
const NAME = /^[\p{L}\p{N}_.-]{1,80}$/u;
const MAX_QUESTIONS = 500;
const MAX_CHOICES = 500;
const MAX_DEPTH = 30;
const MAX_HTML_LENGTH = 100_000;
export const TEXT_MAX_LENGTH = 2000;
export const COMMENT_MAX_LENGTH = 5000;

/** Copies the JSON, sanitising HTML-bearing properties and collecting structural problems. */
function sanitiseValue(value: unknown, issues: SchemaIssue[], element: string | null, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    issues.push({ element, code: 'tooDeep' });
    return null;
  }
  if (Array.isArray(value)) return value.map((v) => sanitiseValue(v, issues, element, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const here = typeof source.name === 'string' ? source.name : element;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    if (FORBIDDEN_PROPERTIES.has(key)) {
      issues.push({ element: here, code: 'forbiddenProperty', params: { property: key } });
      continue;
    }
    if (key === 'storeOthersAsComment' && v === false) {
      issues.push({ element: here, code: 'otherAsValue' });
      continue;
    }
    if (HTML_PROPERTIES.has(key) && (typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v)))) {
      out[key] = sanitiseLocalisedHtml(v, key, here, issues);
      continue;
    }
    out[key] = sanitiseValue(v, issues, here, depth + 1);
  }
  return out;
}

function sanitiseLocalisedHtml(value: unknown, property: string, element: string | null, issues: SchemaIssue[]): unknown {
  const clean = (text: unknown): unknown => {
    if (typeof text !== 'string') return text;
    if (text.length > MAX_HTML_LENGTH) {
      issues.push({ element, code: 'htmlTooLong', params: { property, max: MAX_HTML_LENGTH } });
      return '';
    }
    // SurveyJS replaces {question} in HTML with the raw answer (no escaping): an answer would become markup.
    if (/\{[^{}]*\}/.test(text)) issues.push({ element, code: 'pipingInHtml', params: { property } });
    return sanitiseHtml(text);
  };
  if (typeof value === 'string') return clean(value);
  const out: Record<string, unknown> = {};
  for (const [locale, text] of Object.entries(value as Record<string, unknown>)) {
    if (FORBIDDEN_PROPERTIES.has(locale)) continue;
    out[locale] = clean(text);
  }
  return out;
}

interface RawElement {
  json: Record<string, unknown>;
  page: number;
}

/** Every element (question, html, panel) of the raw JSON with its page, checking types and names on the way. */
function collectElements(schema: Record<string, unknown>, issues: SchemaIssue[]): RawElement[] {
  const found: RawElement[] = [];
  const visit = (list: unknown, page: number, depth: number) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      issues.push({ element: null, code: 'notAList' });
      return;
    }
    for (const el of list) {
      if (!el || typeof el !== 'object' || Array.isArray(el)) {
        issues.push({ element: null, code: 'notAnElement' });
        continue;
      }
      const json = el as Record<string, unknown>;
      const type = typeof json.type === 'string' ? json.type.toLowerCase() : '';
      const name = typeof json.name === 'string' ? json.name : null;
      if (!SUPPORTED.has(type)) issues.push({ element: name, code: 'unsupportedType', params: { type: String(json.type ?? '') } });
      if (name === null || name === '') issues.push({ element: null, code: 'missingName', params: { type } });
      else if (!NAME.test(name)) issues.push({ element: name, code: 'badName', params: { name } });
      found.push({ json, page });
      if (type === 'panel' && depth < 10) visit(json.elements, page, depth + 1);
    }
  };
  if (Array.isArray(schema.pages)) {
    schema.pages.forEach((p, index) => {
      if (!p || typeof p !== 'object' || Array.isArray(p)) {
        issues.push({ element: null, code: 'notAPage', params: { page: index + 1 } });
        return;
      }
      visit((p as Record<string, unknown>).elements, index, 0);
    });
  } else if (schema.pages !== undefined) {
    issues.push({ element: null, code: 'notAList' });
  }
  visit(schema.elements, 0, 0);
  return found;
}

function checkElement(raw: RawElement, issues: SchemaIssue[]): void {
  const json = raw.json;
  const name = typeof json.name === 'string' ? json.name : null;
  if (json.dimension !== undefined && (typeof json.dimension !== 'string' || json.dimension.trim() === '' || json.dimension.length > 60)) {
    issues.push({ element: name, code: 'badDimension' });
  }
  if (json.reverse !== undefined && typeof json.reverse !== 'boolean') issues.push({ element: name, code: 'badReverse' });
  const choiceLists = ['choices', 'rateValues'].filter((key) => json[key] !== undefined);
  for (const key of choiceLists) {
    const list = json[key];
    if (!Array.isArray(list)) {
      issues.push({ element: name, code: 'badChoices', params: { property: key } });
      continue;
    }
    if (list.length > MAX_CHOICES) issues.push({ element: name, code: 'tooManyChoices', params: { max: MAX_CHOICES } });
    const seen = new Set<string>();
    for (const choice of list) {
      const value = choice && typeof choice === 'object' && !Array.isArray(choice) ? (choice as Record<string, unknown>).value : choice;
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) {
        issues.push({ element: name, code: 'badChoiceValue' });
        continue;
      }
      const key2 = `${typeof value}:${value}`;
      if (seen.has(key2) || seen.has(`${typeof value === 'string' ? 'number' : 'string'}:${value}`)) {
        issues.push({ element: name, code: 'duplicateChoice', params: { value: String(value) } });
      }
      seen.add(key2);
    }
  }
  if (typeof json.type === 'string' && json.type.toLowerCase() === 'text' && json.inputType !== undefined) {
    if (typeof json.inputType !== 'string' || !TEXT_INPUT_TYPES.has(json.inputType)) {
      issues.push({ element: name, code: 'badInputType', params: { inputType: String(json.inputType) } });
    }
  }
}

function finiteNumber(value: unknown): number | null {
  const x = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(x) ? x : null;
}

interface ItemValueLike {
  value: unknown;
  locText: { getLocaleText(locale: string): string };
}

function itemText(item: ItemValueLike): LocalText {
  const fallback = String(item.value);
  const base = item.locText.getLocaleText('') || fallback;
  return { en: item.locText.getLocaleText('en') || base, zh: item.locText.getLocaleText('zh-cn') || base };
}

type SurveyQuestion = ReturnType<Model['getAllQuestions']>[number] & Record<string, unknown>;

function buildQuestion(q: SurveyQuestion, model: Model, issues: SchemaIssue[]): QuestionDef | null {
  const type = q.getType();
  if (type === 'html') return null;
  const name = q.name;
  const json = q.toJSON() as Record<string, unknown>;
  const def: QuestionDef = {
    name,
    type,
    title: readLocalText(json.title, name),
    kind: 'text',
    multiple: false,
    choices: [],
    otherValue: null,
    noneValue: null,
    commentKey: null,
    scale: null,
    min: null,
    max: null,
    inputType: null,
    maxLength: type === 'comment' ? COMMENT_MAX_LENGTH : TEXT_MAX_LENGTH,
    maxSelected: null,
    required: Boolean(q.isRequired),
    dimension: typeof json.dimension === 'string' ? json.dimension.trim() : null,
    reverse: json.reverse === true,
    page: Math.max(0, model.pages.indexOf(q.page as never)),
    profile: false,
  };
  const declaredMax = finiteNumber(json.maxLength);
  if (declaredMax !== null && declaredMax > 0) def.maxLength = Math.min(declaredMax, def.maxLength);
  if (json.showCommentArea === true || json.hasComment === true) def.commentKey = `${name}-Comment`;

  if (type === 'rating') {
    const values = (q.visibleRateValues as ItemValueLike[]) ?? [];
    const numbers = values.map((v) => v.value);
    const consecutive = numbers.length >= 2 && numbers.every((v, i) => typeof v === 'number' && Number.isInteger(v) && (i === 0 || v === (numbers[i - 1] as number) + 1));
    const minText = readLocalText(json.minRateDescription, '');
    const maxText = readLocalText(json.maxRateDescription, '');
    def.choices = values.map((v, i) => {
      const text = itemText(v);
      const plain = text.en === String(v.value) && text.zh === String(v.value);
      const extreme = i === 0 ? minText : i === values.length - 1 ? maxText : null;
      if (plain && extreme && (extreme.en || extreme.zh)) {
        return { value: v.value as AnswerValue, text: { en: `${v.value} ${extreme.en}`.trim(), zh: `${v.value} ${extreme.zh}`.trim() } };
      }
      return { value: v.value as AnswerValue, text };
    });
    if (consecutive) {
      def.kind = 'likert';
      def.scale = { min: numbers[0] as number, max: numbers[numbers.length - 1] as number };
    } else {
      def.kind = 'choice';
    }
  } else if (type === 'radiogroup' || type === 'dropdown' || type === 'checkbox' || type === 'tagbox') {
    def.kind = 'choice';
    def.multiple = type === 'checkbox' || type === 'tagbox';
    def.choices = ((q.choices as ItemValueLike[]) ?? []).map((c) => ({ value: c.value as AnswerValue, text: itemText(c) }));
    const other = q.otherItem as ItemValueLike | undefined;
    const none = q.noneItem as ItemValueLike | undefined;
    if ((json.showOtherItem === true || json.hasOther === true) && other) {
      def.otherValue = String(other.value);
      def.choices.push({ value: def.otherValue, text: itemText(other) });
      def.commentKey = `${name}-Comment`;
    }
    if ((json.showNoneItem === true || json.hasNone === true) && none) {
      def.noneValue = String(none.value);
      def.choices.push({ value: def.noneValue, text: itemText(none) });
    }
    const maxSelected = finiteNumber(json.maxSelectedChoices);
    if (def.multiple && maxSelected !== null && maxSelected > 0) def.maxSelected = maxSelected;
  } else if (type === 'boolean') {
    def.kind = 'choice';
    const valueTrue = (json.valueTrue ?? true) as AnswerValue;
    const valueFalse = (json.valueFalse ?? false) as AnswerValue;
    def.choices = [
      { value: valueTrue, text: readLocalText(json.labelTrue, 'Yes') },
      { value: valueFalse, text: readLocalText(json.labelFalse, 'No') },
    ];
    if (json.labelTrue === undefined) def.choices[0].text = { en: 'Yes', zh: '是' };
    if (json.labelFalse === undefined) def.choices[1].text = { en: 'No', zh: '否' };
  } else if (type === 'text') {
    def.inputType = typeof json.inputType === 'string' ? json.inputType : 'text';
    if (def.inputType === 'number') {
      def.kind = 'number';
      def.min = finiteNumber(json.min);
      def.max = finiteNumber(json.max);
      if (def.min !== null && def.max !== null && def.min >= def.max) issues.push({ element: name, code: 'badRange' });
    }
  } else if (type !== 'comment') {
    issues.push({ element: name, code: 'unsupportedType', params: { type } });
    return null;
  }

  if (def.dimension !== null && def.kind !== 'likert' && !(def.kind === 'number' && def.min !== null && def.max !== null)) {
    issues.push({ element: name, code: 'dimensionNeedsScale' });
  }
  if (def.reverse && def.kind !== 'likert' && !(def.kind === 'number' && def.min !== null && def.max !== null)) {
    issues.push({ element: name, code: 'reverseNeedsScale' });
  }
  def.profile = def.kind === 'choice' && !def.multiple && def.dimension === null;
  return def;
}

function specFor(def: QuestionDef, locale: Locale): ItemSpec {
  const spec: ItemSpec = { name: def.name, kind: def.kind };
  if (def.kind === 'likert' && def.scale) {
    spec.min = def.scale.min;
    spec.max = def.scale.max;
  }
  if (def.kind === 'number') {
    if (def.min !== null) spec.min = def.min;
    if (def.max !== null) spec.max = def.max;
  }
  if (def.reverse) spec.reverse = true;
  if (def.dimension !== null) spec.dimension = def.dimension;
  if (def.kind === 'choice' || def.kind === 'likert') {
    spec.choices = def.choices.map((c): ItemChoice => ({ value: typeof c.value === 'boolean' ? String(c.value) : c.value, label: textIn(c.text, locale) }));
  }
  return spec;
}

/**
 * Checks and compiles an authored SurveyJS questionnaire: the JSON must be an object with pages or elements; only
 * the supported question types; unique, simple names; no property that loads data from or sends respondents to
 * another site; no text piping into HTML; `dimension` / `reverse` only on scaled questions. HTML-bearing properties
 * are sanitised (see sanitiseHtml). Then SurveyJS itself parses it (unknown properties and types are errors).
 * Throws SurveySchemaError listing every problem with the element it is about.
 */
export function compileSurvey(input: unknown): CompiledSurvey {
  registerAnalysisProperties();
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new SurveySchemaError([{ element: null, code: 'notObject' }]);
  const issues: SchemaIssue[] = [];
  const schema = sanitiseValue(input, issues, null, 0) as Record<string, unknown>;
  const elements = collectElements(schema, issues);
  const names = new Map<string, number>();
  for (const el of elements) {
    checkElement(el, issues);
    const name = el.json.name;
    if (typeof name === 'string' && name !== '') names.set(name, (names.get(name) ?? 0) + 1);
  }
  for (const [name, count] of names) if (count > 1) issues.push({ element: name, code: 'duplicateName', params: { name } });
  const questionCount = elements.filter((e) => !['html', 'panel'].includes(String(e.json.type).toLowerCase())).length;
  if (questionCount === 0 && issues.length === 0) issues.push({ element: null, code: 'noQuestions' });
  if (questionCount > MAX_QUESTIONS) issues.push({ element: null, code: 'tooManyQuestions', params: { max: MAX_QUESTIONS } });
  if (issues.length > 0) throw new SurveySchemaError(dedupe(issues));

  const model = new Model(schema);
  for (const error of model.jsonErrors ?? []) {
    const e = error as unknown as { message?: string; element?: { name?: string } };
    issues.push({ element: e.element?.name ?? null, code: 'surveyjs', params: { detail: String(e.message ?? '') } });
  }
  const questions: QuestionDef[] = [];
  for (const q of model.getAllQuestions() as SurveyQuestion[]) {
    const def = buildQuestion(q, model, issues);
    if (def) questions.push(def);
  }
  if (issues.length > 0) throw new SurveySchemaError(dedupe(issues));

  const byName = new Map(questions.map((q) => [q.name, q]));
  const dimensions = [...new Set(questions.map((q) => q.dimension).filter((d): d is string => d !== null))];
  const specCache = new Map<Locale, ItemSpec[]>();
  const itemSpecs = (locale: Locale) => {
    let specs = specCache.get(locale);
    if (!specs) {
      specs = questions.map((q) => specFor(q, locale));
      specCache.set(locale, specs);
    }
    return specs;
  };
  try {
    validateItemSpecs(itemSpecs('en'));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details as { item?: string } | undefined;
    throw new SurveySchemaError([{ element: details?.item ?? null, code: 'analysis', params: { detail: error.message } }]);
  }
  const models = new Map<Locale, Model>();
  const modelFor = (locale: Locale): Model => {
    let m = models.get(locale);
    if (!m) {
      m = models.size === 0 ? model : new Model(schema);
      m.locale = surveyLocale(locale);
      models.set(locale, m);
    }
    return m;
  };
  return {
    schema,
    title: readLocalText(schema.title, ''),
    questions,
    byName,
    dimensions,
    itemSpecs,
    model: modelFor,
  };
}

function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 100);
}

const cache = new Map<string, CompiledSurvey>();
const CACHE_LIMIT = 64;

/**
 * compileSurvey for stored schemas, memoised by the schema text (a stored version's JSON only changes by becoming a
 * different text, so the cache never serves stale data; it is a per-process speed-up, not shared state).
 */
export function compileStoredSurvey(schemaText: string): CompiledSurvey {
  const hit = cache.get(schemaText);
  if (hit) {
    cache.delete(schemaText);
    cache.set(schemaText, hit);
    return hit;
  }
  const compiled = compileSurvey(JSON.parse(schemaText));
  cache.set(schemaText, compiled);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}
