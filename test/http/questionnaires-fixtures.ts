import { expect } from 'vitest';
import type { AuthUser } from '../../src/web/request-context.js';
import type { SignedInAgent, TestApp } from '../helpers/test-app.js';

/**
 * A small questionnaire with one question of every kind the server validates: single choice, rating (in a
 * dimension, one reverse-coded), multi-select with a maximum, number with a range, text with a length limit,
 * boolean, dropdown with "other", and a question shown only under a condition.
 */
export const TEST_SCHEMA = {
  title: { default: 'Test survey', 'zh-cn': '测试问卷' },
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'role', isRequired: true, choices: [{ value: 'a', text: { default: 'Analyst', 'zh-cn': '分析员' } }, { value: 'b', text: 'Banker' }] },
        { type: 'rating', name: 'r1', isRequired: true, dimension: 'd', rateMin: 1, rateMax: 5 },
        { type: 'rating', name: 'r2', dimension: 'd', reverse: true, rateMin: 1, rateMax: 5 },
        { type: 'checkbox', name: 'multi', choices: [1, 2, 3], maxSelectedChoices: 2 },
        { type: 'text', name: 'years', inputType: 'number', min: 0, max: 45 },
        { type: 'comment', name: 'note', maxLength: 50 },
        { type: 'boolean', name: 'agree' },
        { type: 'dropdown', name: 'dept', choices: ['x', 'y'], showOtherItem: true },
        { type: 'text', name: 'why', visibleIf: "{role} = 'b'", isRequired: true },
      ],
    },
  ],
};

/** A complete, valid answer to TEST_SCHEMA. */
export const GOOD_ANSWER = { role: 'a', r1: 4, r2: 2, multi: [1, 3], years: 12, note: 'fine', agree: true, dept: 'x' };

export function authUser(user: { id: number; email: string }, role: AuthUser['role']): AuthUser {
  return { id: user.id, email: user.email, name: user.email, role, locale: null };
}

/** Creates a questionnaire owned by the signed-in researcher (through the service) and returns its id. */
export async function createQuestionnaire(t: TestApp, owner: SignedInAgent, schema: unknown = TEST_SCHEMA, title = 'Test survey'): Promise<number> {
  return t.services.questionnaires.create(authUser(owner.user, 'researcher'), { title, description: '', schema }, (key) => key);
}

/** Sets the collection settings through the overview form. */
export async function setSettings(
  owner: SignedInAgent,
  id: number,
  settings: { status?: string; deadline?: string; responseLimit?: string; anonymous?: boolean } = {},
): Promise<void> {
  const body: Record<string, string> = { _csrf: owner.csrf, status: settings.status ?? 'open', deadline: settings.deadline ?? '', responseLimit: settings.responseLimit ?? '' };
  if (settings.anonymous ?? true) body.anonymous = 'on';
  const res = await owner.agent.post(`/questionnaires/${id}/settings`).type('form').send(body);
  expect(res.status, res.text.slice(0, 300)).toBe(303);
}

/** Creates the shared link through the distribution form and returns its token (shown once on the page). */
export async function createSharedLink(owner: SignedInAgent, id: number, options: { limit?: string; expiresOn?: string } = {}): Promise<string> {
  const res = await owner.agent.post(`/questionnaires/${id}/shared-link`).type('form').send({ _csrf: owner.csrf, limit: options.limit ?? '', expiresOn: options.expiresOn ?? '' });
  expect(res.status).toBe(200);
  const match = /\/q\/([A-Za-z0-9_-]{43})/.exec(res.text);
  expect(match).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

/** Creates personal links through the distribution form and returns their tokens in label order. */
export async function createPersonalLinks(owner: SignedInAgent, id: number, labels: string[]): Promise<string[]> {
  const res = await owner.agent.post(`/questionnaires/${id}/links`).type('form').send({ _csrf: owner.csrf, labels: labels.join('\n') });
  expect(res.status).toBe(200);
  const tokens = [...res.text.matchAll(/<code id="q-link-\d+">[^<]*\/s\/([A-Za-z0-9_-]{43})<\/code>/g)].map((m) => m[1] as string);
  expect(tokens).toHaveLength(labels.length);
  return tokens;
}

/** A respondent's JSON request (no cookies, like a phone opening the link). */
export function respondentJson(req: { set(name: string, value: string): unknown }) {
  req.set('Accept', 'application/json');
  req.set('X-Requested-With', 'fetch');
  return req;
}
