import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { createQuestionnaire, createSharedLink, GOOD_ANSWER, setSettings } from './questionnaires-fixtures.js';

let t: TestApp;
let owner: SignedInAgent;
let id: number;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signedIn('researcher');
  id = await createQuestionnaire(t, owner);
  await setSettings(owner, id);
  token = await createSharedLink(owner, id);
});
afterAll(async () => t.close());

const submit = (body: unknown, lang?: string) =>
  request(t.app).post(`/q/${token}/submit${lang ? `?lang=${lang}` : ''}`).set('Accept', 'application/json').send(body as object);
const stored = async () => (await t.db('questionnaire_responses').where({ questionnaire_id: id })).length;

/**
 * Server-side validation (issue 5, point 4): every answer is checked against the questionnaire's own declaration
 * (the oracle is TEST_SCHEMA in questionnaires-fixtures.ts): choice membership, rating scale points, types,
 * unknown questions, limits, and SurveyJS's own required/visibility rules evaluated in Node.
 */
describe('server-side answer validation', () => {
  it.each([
    ['a choice value that is not offered', { role: 'boss' }, 'role', 'not one of the question’s choices'],
    ['a rating above the scale (1–5)', { r1: 6 }, 'r1', 'not a point of the question’s rating scale'],
    ['a rating below the scale', { r1: 0 }, 'r1', 'not a point'],
    ['a fractional rating', { r1: 2.5 }, 'r1', 'not a point'],
    ['a rating sent as text', { r1: '4' }, 'r1', 'not a point'],
    ['an unknown question', { salary: 100 }, 'salary', 'no such question'],
    ['a prototype-polluting key', JSON.parse('{"__proto__": {"x": 1}}'), '__proto__', 'no such question'],
    ['a list for a single-answer question', { role: ['a'] }, 'role', 'takes one answer'],
    ['a single value for a multi-select question', { multi: 1 }, 'multi', 'takes a list'],
    ['a multi-select value that is not offered', { multi: [1, 4] }, 'multi', 'not one of the question’s choices'],
    ['too many selected choices (max 2)', { multi: [1, 2, 3] }, 'multi', 'Too many choices'],
    ['the same choice twice', { multi: [1, 1] }, 'multi', 'given twice'],
    ['a number outside its range (0–45)', { years: 46 }, 'years', 'outside the allowed range'],
    ['text for a number question', { years: 'twelve' }, 'years', 'must be a number'],
    ['a number for a text question', { note: 42 }, 'note', 'must be text'],
    ['text longer than maxLength (50)', { note: 'x'.repeat(51) }, 'note', 'too long'],
    ['a string for a boolean question', { agree: 'yes' }, 'agree', 'not one of the question’s choices'],
    ['an object as an answer', { dept: { value: 'x' } }, 'dept', 'takes one answer'],
  ])('rejects %s with 400 naming the question, and stores nothing', async (_label, change, question, message) => {
    const before = await stored();
    const res = await submit({ version: 1, data: { ...GOOD_ANSWER, ...change } });
    expect(res.status).toBe(400);
    const issues = res.body.error.details.issues as Array<{ question: string; message: string }>;
    expect(issues.some((i) => i.question === question && i.message.includes(message)), JSON.stringify(issues)).toBe(true);
    expect(res.body.error.message).toContain(question);
    expect(await stored()).toBe(before);
  });

  it('rejects a missing required answer, using SurveyJS in Node (and in the respondent’s language)', async () => {
    const { r1: _omit, ...withoutR1 } = GOOD_ANSWER;
    const res = await submit({ version: 1, data: withoutR1 }, 'zh-CN');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([{ question: 'r1', message: '此题为必答题。' }]);
  });

  it('applies conditions: a question shown only for role b is required then, and dropped when hidden', async () => {
    const needsWhy = await submit({ version: 1, data: { ...GOOD_ANSWER, role: 'b' } });
    expect(needsWhy.status).toBe(400);
    expect(needsWhy.body.error.details.issues[0].question).toBe('why');
    const hidden = await submit({ version: 1, data: { ...GOOD_ANSWER, role: 'a', why: 'not asked' } });
    expect(hidden.status).toBe(201);
    const last = await t.db('questionnaire_responses').where({ questionnaire_id: id }).orderBy('id', 'desc').first();
    expect(JSON.parse(last.data).why).toBeUndefined();
  });

  it('runs SurveyJS’s own checks, e.g. an empty “other” text, and accepts “other” with its comment', async () => {
    const empty = await submit({ version: 1, data: { ...GOOD_ANSWER, dept: 'other' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].question).toBe('dept');
    const ok = await submit({ version: 1, data: { ...GOOD_ANSWER, dept: 'other', 'dept-Comment': 'Treasury' } });
    expect(ok.status).toBe(201);
  });

  it('rejects a malformed body, an unknown version and a non-JSON content type', async () => {
    expect((await submit({ data: GOOD_ANSWER })).status).toBe(400);
    expect((await submit({ version: 1, data: GOOD_ANSWER, extra: true })).status).toBe(400);
    expect((await submit({ version: 1, data: [1, 2] })).status).toBe(400);
    expect((await submit({ version: 7, data: GOOD_ANSWER })).status).toBe(400);
    const form = await request(t.app).post(`/q/${token}/submit`).type('form').send({ version: '1' });
    expect(form.status).toBe(415);
    const broken = await request(t.app).post(`/q/${token}/submit`).set('Content-Type', 'application/json').set('Accept', 'application/json').send('{"version": 1,');
    expect(broken.status).toBe(400);
  });

  it('accepts the complete valid answer and stores exactly the accepted values', async () => {
    const res = await submit({ version: 1, data: { ...GOOD_ANSWER, note: '<img src=x onerror=alert(1)>' } });
    expect(res.status).toBe(201);
    const last = await t.db('questionnaire_responses').where({ questionnaire_id: id }).orderBy('id', 'desc').first();
    expect(JSON.parse(last.data)).toEqual({ ...GOOD_ANSWER, note: '<img src=x onerror=alert(1)>' });
    // Shown as text on the free-text page, never as markup.
    const page = await owner.agent.get(`/questionnaires/${id}/answers`);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img src=x');
  });
});
