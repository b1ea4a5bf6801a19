import type { Translate } from '../../i18n/translator.js';
import { ValidationError } from '../../web/http-errors.js';
import type { AnswerIssue } from './check-answers.js';
import type { SchemaIssue } from './compile-survey.js';

/** A schema issue as one sentence: "<element>: <message>". */
export function describeSchemaIssue(issue: SchemaIssue, t: Translate): string {
  const where = issue.element ?? t('questionnaires.schema.survey');
  return `${where}: ${t(`questionnaires.schema.${issue.code}`, issue.params)}`;
}

/** The questionnaire JSON was refused; `issues` are translated sentences naming each element. */
export class SchemaValidationError extends ValidationError {
  constructor(readonly issues: string[]) {
    super('questionnaires.schema.invalid', {}, { issues });
  }
}

export function schemaError(issues: SchemaIssue[], t: Translate): SchemaValidationError {
  return new SchemaValidationError(issues.map((issue) => describeSchemaIssue(issue, t)));
}

export interface DescribedAnswerIssue {
  question: string;
  message: string;
}

export function describeAnswerIssues(issues: AnswerIssue[], t: Translate): DescribedAnswerIssue[] {
  return issues.map((issue) => ({
    question: issue.question,
    message: issue.detail ?? t(`questionnaires.answer.${issue.code}`),
  }));
}

/** Answers refused by the server-side validation (400), with one message per question. */
export function answersError(issues: AnswerIssue[], t: Translate): ValidationError {
  const described = describeAnswerIssues(issues, t);
  const questions = [...new Set(described.map((d) => d.question).filter((q) => q !== ''))].slice(0, 10).join(', ');
  return new ValidationError(
    questions ? 'questionnaires.answer.rejected' : 'questionnaires.answer.rejectedData',
    {},
    { issues: described },
  ).with({ questions });
}

export interface RowIssue {
  /** Line in the file (header = 1) or row number (1-based) in a JSON list. */
  row: number;
  question: string;
  message: string;
}

/** An import refused as a whole: nothing was stored. `rows` lists every problem found. */
export class ImportRejectedError extends ValidationError {
  constructor(readonly rows: RowIssue[], message = 'questionnaires.import.rejected') {
    super(message, {}, { rows });
  }
}
