import type { Locale } from '../../i18n/locale.js';
import type { AnswerValue, CompiledSurvey, QuestionDef } from './compile-survey.js';

/** One rejected answer: the question (or data key) and a message-catalogue code `questionnaires.answer.<code>`. */
export interface AnswerIssue {
  question: string;
  code: string;
  /** SurveyJS's own message for its validators (already in the respondent's language). */
  detail?: string;
}

export interface AnswerCheck {
  /** The accepted answers (missing values and answers to questions hidden by their conditions removed). */
  data: Record<string, AnswerValue | AnswerValue[]>;
  issues: AnswerIssue[];
}

const MAX_KEYS = 2000;

function valueKey(value: unknown): string {
  return `${typeof value}:${String(value)}`;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The allow-list check of one answer against its question (SurveyJS does not check choice membership). */
function checkValue(q: QuestionDef, value: unknown): string | null {
  if (q.kind === 'choice' || q.kind === 'likert') {
    const allowed = new Set(q.choices.map((c) => valueKey(c.value)));
    if (q.multiple) {
      if (!Array.isArray(value)) return 'expectedList';
      if (new Set(value.map(valueKey)).size !== value.length) return 'duplicateChoice';
      if (!value.every((v) => allowed.has(valueKey(v)))) return 'notAChoice';
      if (q.maxSelected !== null && value.length > q.maxSelected) return 'tooManyChoices';
      if (q.noneValue !== null && value.length > 1 && value.some((v) => String(v) === q.noneValue)) return 'noneWithOthers';
      return null;
    }
    if (Array.isArray(value) || (value !== null && typeof value === 'object')) return 'expectedOne';
    if (q.kind === 'likert') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'notOnScale';
      if (!allowed.has(valueKey(value))) return 'notOnScale';
      return null;
    }
    return allowed.has(valueKey(value)) ? null : 'notAChoice';
  }
  if (q.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'expectedNumber';
    if ((q.min !== null && value < q.min) || (q.max !== null && value > q.max)) return 'outOfRange';
    return null;
  }
  if (typeof value !== 'string') return 'expectedText';
  if (value.length > q.maxLength) return 'tooLong';
  return null;
}

/**
 * Server-side validation of a respondent's answers (or an imported row) against a questionnaire version:
 * 1. our allow-list: the data is an object whose keys are the questionnaire's question names (or the comment key of
 *    an "other" / comment box); each value has the question's type — one of its declared choices, a whole point of
 *    its rating scale, a number within min–max, text within the length limit; lists only for multi-select
 *    questions, without duplicates, within maxSelectedChoices;
 * 2. unless `partial` (autosave), SurveyJS's own validation run in Node on the same data: required questions,
 *    validators (e-mail, regex, numeric, text length…), "other" left empty — only for the questions visible under the
 *    questionnaire's conditions; answers to hidden questions are dropped, as SurveyJS does on completion.
 */
export function checkAnswers(compiled: CompiledSurvey, input: unknown, options: { partial: boolean; locale: Locale }): AnswerCheck {
  const issues: AnswerIssue[] = [];
  const data: Record<string, AnswerValue | AnswerValue[]> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { data, issues: [{ question: '', code: 'notAnObject' }] };
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_KEYS) return { data, issues: [{ question: '', code: 'tooManyKeys' }] };
  const commentOwners = new Map<string, QuestionDef>();
  for (const q of compiled.questions) if (q.commentKey) commentOwners.set(q.commentKey, q);

  for (const [key, value] of entries) {
    const question = compiled.byName.get(key);
    const commentOf = commentOwners.get(key);
    if (!question && !commentOf) {
      issues.push({ question: key, code: 'unknownQuestion' });
      continue;
    }
    if (isMissing(value)) continue;
    if (commentOf) {
      if (typeof value !== 'string') issues.push({ question: key, code: 'expectedText' });
      else if (value.length > 2000) issues.push({ question: key, code: 'tooLong' });
      else data[key] = value;
      continue;
    }
    const problem = checkValue(question as QuestionDef, value);
    if (problem) issues.push({ question: key, code: problem });
    else data[key] = value as AnswerValue | AnswerValue[];
  }
  if (issues.length > 0 || options.partial) return { data, issues };

  // SurveyJS in Node: required answers, validators and conditions, exactly as the browser evaluated them.
  // The model is cached per version and language; everything below is synchronous, so calls never interleave.
  const model = compiled.model(options.locale);
  model.data = { ...data };
  model.validate(true, false);
  for (const q of model.getAllQuestions()) {
    if (!q.isVisible || !q.isParentVisible) {
      delete data[q.name];
      const def = compiled.byName.get(q.name);
      if (def?.commentKey) delete data[def.commentKey];
      continue;
    }
    for (const error of q.errors) {
      const type = error.getErrorType();
      if (type === 'required') issues.push({ question: q.name, code: 'required' });
      else issues.push({ question: q.name, code: 'surveyjs', detail: error.getText() });
    }
  }
  for (const page of model.pages) {
    if (page.isVisible) continue;
    for (const q of page.questions) delete data[q.name];
  }
  return { data, issues };
}
