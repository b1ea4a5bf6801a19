import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../../src/features/questionnaires/check-answers.js';
import { compileSurvey } from '../../../../src/features/questionnaires/compile-survey.js';

const compiled = compileSurvey({
  elements: [
    { type: 'radiogroup', name: 'role', isRequired: true, choices: ['a', 'b'] },
    { type: 'rating', name: 'r', rateValues: [0, 5, 10] },
    { type: 'checkbox', name: 'c', choices: ['x', 'y', 'z'], showNoneItem: true },
    { type: 'boolean', name: 'ok', valueTrue: 'yes', valueFalse: 'no' },
    { type: 'text', name: 'mail', inputType: 'email', validators: [{ type: 'email' }] },
    { type: 'comment', name: 'note', showCommentArea: false },
    { type: 'panel', name: 'more', visibleIf: "{role} = 'b'", elements: [{ type: 'text', name: 'why', isRequired: true }] },
  ],
});
const check = (data: unknown, partial = false) => checkAnswers(compiled, data, { partial, locale: 'en' });

/** Expectations derived by hand from the questionnaire above (its declared choices, values and conditions). */
describe('checkAnswers', () => {
  it('accepts custom rating values exactly and refuses values between them', () => {
    expect(check({ role: 'a', r: 5 }).issues).toEqual([]);
    expect(check({ role: 'a', r: 4 }).issues).toEqual([{ question: 'r', code: 'notAChoice' }]);
  });

  it('accepts a boolean question’s declared values only', () => {
    expect(check({ role: 'a', ok: 'yes' }).issues).toEqual([]);
    expect(check({ role: 'a', ok: true }).issues).toEqual([{ question: 'ok', code: 'notAChoice' }]);
  });

  it('refuses "none" together with other choices', () => {
    expect(check({ role: 'a', c: ['none'] }).issues).toEqual([]);
    expect(check({ role: 'a', c: ['x', 'none'] }).issues).toEqual([{ question: 'c', code: 'noneWithOthers' }]);
  });

  it('runs SurveyJS validators (e-mail) and reports their own message', () => {
    const result = check({ role: 'a', mail: 'not-an-address' });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ question: 'mail', code: 'surveyjs' });
    expect(result.issues[0]?.detail).toMatch(/e-mail/i);
  });

  it('requires questions inside a panel only when the panel is visible, and drops hidden answers', () => {
    expect(check({ role: 'b' }).issues).toEqual([{ question: 'why', code: 'required' }]);
    const hidden = check({ role: 'a', why: 'stale answer' });
    expect(hidden.issues).toEqual([]);
    expect(hidden.data).toEqual({ role: 'a' });
  });

  it('treats empty values as unanswered and drops them', () => {
    expect(check({ role: 'a', note: '  ', c: [], mail: null }).data).toEqual({ role: 'a' });
  });

  it('checks only the allow-list for partial (autosave) data: required answers may still be missing', () => {
    expect(check({ r: 10 }, true).issues).toEqual([]);
    expect(check({ r: 3 }, true).issues).toEqual([{ question: 'r', code: 'notAChoice' }]);
    expect(check({}, false).issues).toEqual([{ question: 'role', code: 'required' }]);
  });

  it('refuses non-object data and comment keys of questions that have no comment box', () => {
    expect(check([1]).issues).toEqual([{ question: '', code: 'notAnObject' }]);
    expect(check('x').issues).toEqual([{ question: '', code: 'notAnObject' }]);
    expect(check({ role: 'a', 'role-Comment': 'x' }).issues).toEqual([{ question: 'role-Comment', code: 'unknownQuestion' }]);
  });
});
