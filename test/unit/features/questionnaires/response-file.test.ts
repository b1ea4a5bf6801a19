import { describe, expect, it } from 'vitest';
import { compileSurvey } from '../../../../src/features/questionnaires/compile-survey.js';
import { checkHeaders, readCsvTable, ResponseFileError, rowToAnswers } from '../../../../src/features/questionnaires/response-file.js';
import { smeRiskTemplate } from '../../../../src/features/questionnaires/questionnaire-template.js';

const compiled = compileSurvey({
  elements: [
    { type: 'radiogroup', name: 'role', choices: [{ value: 'am', text: { default: 'Account manager', 'zh-cn': '客户经理' } }, { value: 2, text: 'Two' }] },
    { type: 'rating', name: 'r' },
    { type: 'checkbox', name: 'c', choices: ['x', 'y'] },
    { type: 'boolean', name: 'ok' },
    { type: 'text', name: 'n', inputType: 'number' },
    { type: 'comment', name: 'note' },
  ],
});
const fileError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ResponseFileError) return { code: error.code, params: error.params };
    throw error;
  }
  return null;
};

describe('reading CSV files (RFC 4180 with a BOM, comma or semicolon)', () => {
  it('reads a comma-separated file with quotes, a BOM and CRLF line ends, skipping empty lines', () => {
    const table = readCsvTable('\ufeffrole,note\r\nam,"a, b"\r\n\r\n2,"say ""hi"""\r\n');
    expect(table.headers).toEqual(['role', 'note']);
    expect(table.rows).toEqual([{ line: 2, cells: ['am', 'a, b'] }, { line: 3, cells: ['2', 'say "hi"'] }]);
  });

  it('detects semicolons (Excel in many locales) and keeps commas inside cells', () => {
    const table = readCsvTable('role;note\nam;1,5 million\n');
    expect(table.rows[0]?.cells).toEqual(['am', '1,5 million']);
  });

  it('reports an empty file, a header without rows and a malformed quote', () => {
    expect(fileError(() => readCsvTable(''))).toEqual({ code: 'emptyFile', params: {} });
    expect(fileError(() => readCsvTable('role,r\n'))).toEqual({ code: 'noRows', params: {} });
    expect(fileError(() => readCsvTable('role,r\n"am,3\n'))?.code).toBe('unreadableCsv');
  });

  it('checks the header against the questionnaire', () => {
    expect(fileError(() => checkHeaders(['_response', 'role', 'c'], compiled))).toBeNull();
    expect(fileError(() => checkHeaders(['role', 'salary'], compiled))).toEqual({ code: 'unknownColumn', params: { column: 'salary' } });
    expect(fileError(() => checkHeaders(['role', ''], compiled))).toEqual({ code: 'emptyHeader', params: {} });
  });
});

describe('rowToAnswers', () => {
  it('turns cells into typed answers: codes, English or Chinese labels, numbers, lists, booleans', () => {
    const headers = ['role', 'r', 'c', 'ok', 'n', 'note', '_month'];
    expect(rowToAnswers(headers, ['客户经理', ' 4 ', 'x; y', 'yes', '3.5', 'free text', '2025-01'], compiled)).toEqual({ role: 'am', r: 4, c: ['x', 'y'], ok: true, n: 3.5, note: 'free text' });
    expect(rowToAnswers(headers, ['2', 5, 'y', '否', null, null, null], compiled)).toEqual({ role: 2, r: 5, c: ['y'], ok: false });
    expect(rowToAnswers(headers, ['Account manager', null, null, false, null, '', null], compiled)).toEqual({ role: 'am', ok: false });
  });

  it('passes values it cannot convert on unchanged, for the answer checks to refuse', () => {
    expect(rowToAnswers(['role', 'r', 'ok'], ['boss', 'four', 'maybe'], compiled)).toEqual({ role: 'boss', r: 'four', ok: 'maybe' });
  });

  it('reads every template question name as a column', () => {
    const template = compileSurvey(smeRiskTemplate());
    expect(fileError(() => checkHeaders(template.questions.map((q) => q.name), template))).toBeNull();
  });
});
