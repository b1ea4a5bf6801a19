import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

/*
 * Model version pages (issue 6 items 1–2): drafts edited by their author with validated rules, four-eyes approval,
 * approved versions immutable (409 on every edit, nothing changed), retirement, diff; read-only roles.
 */

let t: TestApp;
let author: SignedInAgent;
let other: SignedInAgent;
let manager: SignedInAgent;
let officer: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signedIn('researcher');
  other = await t.signedIn('researcher');
  manager = await t.signedIn('manager');
  officer = await t.signedIn('credit-officer');
});
afterAll(async () => t.close());

const post = (a: SignedInAgent, path: string, body: Record<string, unknown>) => a.agent.post(path).type('form').send({ _csrf: a.csrf, ...body });
const row = async (id: number) => t.db('credit_models').where({ id }).first();
const definition = async (id: number) => (await t.services.models.getModelVersion(id)).definition;

async function newDraft(a: SignedInAgent, name = 'Draft from template'): Promise<number> {
  const res = await post(a, '/models', { name, rationale: 'Start from the template.', source: 'template' });
  expect(res.status).toBe(303);
  const id = Number(/\/models\/(\d+)/.exec(res.headers.location as string)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

const I21_FORM = (anchors: [number | string, number | string][], rationale = 'Stricter leverage.') => ({
  kind: 'anchors', unit: '%', direction: 'decreasing',
  raw: anchors.map((x) => String(x[0])), score: anchors.map((x) => String(x[1])), rationale,
});

describe('drafts: the rule editor validates, and only the author (or an administrator) edits', () => {
  let id: number;
  beforeAll(async () => { id = await newDraft(author); });

  it('a new draft from the template is a draft of the 26 indicators with the creation rationale', async () => {
    const v = await t.services.models.getModelVersion(id);
    expect(v.status).toBe('draft');
    expect(v.createdBy).toBe(author.user.id);
    expect(v.definition.indicators).toHaveLength(26);
    expect(v.definition.adjustments.at(-1)).toMatchObject({ rationale: 'Start from the template.' });
    const page = await author.agent.get(`/models/${id}/rules/I21`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="rule-chart"');
  });

  it('refuses a rule that is not monotone or out of range, naming the problem; nothing is stored', async () => {
    const before = await row(id);
    const notMonotone = await post(author, `/models/${id}/rules/I21`, I21_FORM([[40, 100], [55, 60], [70, 80], [85, 0]]));
    expect(notMonotone.status).toBe(400);
    expect(notMonotone.text).toContain('The scoring rule is not valid.');
    expect(notMonotone.text).toContain('Scores must only rise or only fall along the anchors.');
    const outOfRange = await post(author, `/models/${id}/rules/I21`, I21_FORM([[40, 120], [85, 0]]));
    expect(outOfRange.status).toBe(400);
    const rawNotIncreasing = await post(author, `/models/${id}/rules/I21`, I21_FORM([[55, 100], [40, 0]]));
    expect(rawNotIncreasing.status).toBe(400);
    const noRationale = await post(author, `/models/${id}/rules/I21`, I21_FORM([[40, 100], [85, 0]], ''));
    expect(noRationale.status).toBe(400);
    expect(await row(id)).toEqual(before);
  });

  it('stores a valid rule with its rationale in the version', async () => {
    const res = await post(author, `/models/${id}/rules/I21`, I21_FORM([[35, 100], [50, 80], [65, 50], [80, 0]]));
    expect(res.status).toBe(303);
    const d = await definition(id);
    expect(d.indicators.find((i) => i.id === 'I21')?.rule).toEqual({ kind: 'anchors', anchors: [{ raw: 35, score: 100 }, { raw: 50, score: 80 }, { raw: 65, score: 50 }, { raw: 80, score: 0 }] });
    expect(d.adjustments.at(-1)).toMatchObject({ kind: 'rule-change', rationale: 'Stricter leverage.', params: { indicator: 'I21' } });
  });

  it('another researcher may read the draft but not change it (403)', async () => {
    const before = await row(id);
    expect((await other.agent.get(`/models/${id}`)).status).toBe(200);
    const res = await post(other, `/models/${id}/rules/I21`, I21_FORM([[40, 100], [85, 0]]));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Only the author of this draft or an administrator may change it.');
    expect(await row(id)).toEqual(before);
  });
});

describe('approval (four eyes) and immutability', () => {
  let id: number;
  beforeAll(async () => { id = await newDraft(author, 'To approve'); });

  it('the author cannot approve their own draft', async () => {
    const res = await post(author, `/models/${id}/approve`, { effectiveFrom: '2027-01-01', rationale: 'Looks right.' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('The author of a draft cannot approve it.');
    expect((await row(id)).status).toBe('draft');
  });

  it('approval needs an effective date and a rationale', async () => {
    expect((await post(other, `/models/${id}/approve`, { effectiveFrom: '', rationale: 'ok' })).status).toBe(400);
    expect((await post(other, `/models/${id}/approve`, { effectiveFrom: '2027-01-01', rationale: '' })).status).toBe(400);
    expect((await row(id)).status).toBe('draft');
  });

  it('another researcher approves: approver, date and rationale are recorded', async () => {
    const res = await post(other, `/models/${id}/approve`, { effectiveFrom: '2027-01-01', rationale: 'Checked against the round.' });
    expect(res.status).toBe(303);
    const v = await t.services.models.getModelVersion(id);
    expect(v).toMatchObject({ status: 'approved', effectiveFrom: '2027-01-01', approvedBy: other.user.id, approvalRationale: 'Checked against the round.' });
    expect(v.approvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const audit = await t.db('audit_events').where({ event: 'model.approved', target_id: String(id) });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(other.user.id);
  });

  it('every edit of an approved version is refused with 409 and changes nothing', async () => {
    const before = await row(id);
    const edits: [string, Record<string, unknown>][] = [
      [`/models/${id}/rules/I21`, I21_FORM([[40, 100], [85, 0]])],
      [`/models/${id}/details`, { name: 'Renamed', description: '', effectiveFrom: '2027-02-01', missingPolicy: 'score-zero', collateralMode: 'borrower-score', rationale: 'x' }],
      [`/models/${id}/overlay`, { enabled: 'on', neutralIndex: '100', pointsPerIndexPoint: '0.25', maxPoints: '5', rationale: 'x' }],
      [`/models/${id}/variants`, { industry: 'F', indicatorTilts: 'I42=0.5', rationale: 'x' }],
      [`/models/${id}/early-warnings`, { redDpd: '10', rationale: 'x' }],
      [`/models/${id}/definition`, { definition: JSON.stringify(before.definition ? JSON.parse(before.definition) : {}), rationale: 'x' }],
      [`/models/${id}/approve`, { effectiveFrom: '2027-03-01', rationale: 'again' }],
      [`/models/${id}/delete`, {}],
    ];
    for (const [path, body] of edits) {
      const res = await post(other, path, body);
      expect(res.status, path).toBe(409);
      expect(res.text, path).toContain('This version is approved or retired and cannot be changed.');
    }
    // The rule page of an approved version is read-only: no empty rows, no delete or add buttons.
    const rulePage = await other.agent.get(`/models/${id}/rules/I21`);
    expect(rulePage.status).toBe(200);
    expect(rulePage.text).toContain('This version is approved or retired and can no longer be changed.');
    expect(rulePage.text).not.toContain('data-remove-row');
    expect(rulePage.text).not.toContain('data-add-row');
    expect(rulePage.text).not.toContain('id="raw-4"');
    // The administrator is refused too.
    const admin = await t.signedIn('admin');
    expect((await post(admin, `/models/${id}/rules/I21`, I21_FORM([[40, 100], [85, 0]]))).status).toBe(409);
    expect(await row(id)).toEqual(before);
  });

  it('retirement needs a rationale; a retired version stays readable and cannot be retired again', async () => {
    expect((await post(other, `/models/${id}/retire`, { rationale: '' })).status).toBe(400);
    expect((await row(id)).status).toBe('approved');
    expect((await post(other, `/models/${id}/retire`, { rationale: 'Superseded.' })).status).toBe(303);
    expect(await row(id)).toMatchObject({ status: 'retired', retire_rationale: 'Superseded.' });
    expect((await post(other, `/models/${id}/retire`, { rationale: 'Again.' })).status).toBe(409);
    expect((await manager.agent.get(`/models/${id}`)).status).toBe(200);
  });
});

describe('diff view', () => {
  it('shows what changed between two versions: weights, rules, variants, overlay and adjustments', async () => {
    const a = await newDraft(author, 'Base');
    const b = await newDraft(author, 'Changed');
    expect((await post(author, `/models/${b}/rules/I22`, { kind: 'anchors', unit: '×', direction: 'increasing', raw: ['0.5', '1', '2.5'], score: ['0', '50', '100'], rationale: 'Gentler current ratio.' })).status).toBe(303);
    expect((await post(author, `/models/${b}/variants`, { industry: 'F', nameEn: 'trade', indicatorTilts: 'I42=0.6', rationale: 'Traders hold stock.' })).status).toBe(303);
    expect((await post(author, `/models/${b}/overlay`, { enabled: 'on', neutralIndex: '100', pointsPerIndexPoint: '0.25', maxPoints: '5', rationale: 'Cycle.' })).status).toBe(303);
    const page = await manager.agent.get(`/models/diff?a=${a}&b=${b}`);
    expect(page.status).toBe(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('1 scoring rules differ');
    expect(text).toMatch(/I22.*0\.6→0, 1→40, 1\.2→60, 1\.5→80, 2→100.*0\.5→0, 1→50, 2\.5→100/);
    expect(text).toContain('+ F');
    expect(text).toContain('Gentler current ratio.');
    expect(text).toContain('Traders hold stock.');
    expect(text).toMatch(/off → 0\.25 points per index point around 100, at most ±5 points/);
    const same = await manager.agent.get(`/models/diff?a=${a}&b=${a}`);
    expect(same.text).toContain('The two versions are identical.');
  });
});

describe('read-only roles', () => {
  it('managers and credit officers read versions, rules and diffs but every write is 403', async () => {
    const id = await newDraft(author, 'Read me');
    for (const a of [manager, officer]) {
      for (const path of ['/models', `/models/${id}`, `/models/${id}/rules/I21`, `/models/${id}/adjustments`, '/models/diff', '/models/prosperity', `/models/${id}/definition.json`]) {
        expect((await a.agent.get(path)).status, path).toBe(200);
      }
      expect((await a.agent.get('/models/new')).status).toBe(403);
      const before = await t.db('credit_models').count({ n: '*' }).first();
      expect((await post(a, '/models', { name: 'x', rationale: 'x', source: 'template' })).status).toBe(403);
      expect(await t.db('credit_models').count({ n: '*' }).first()).toEqual(before);
      for (const path of [`/models/${id}/rules/I21`, `/models/${id}/approve`, `/models/${id}/retire`, `/models/${id}/delete`, `/models/${id}/overlay`]) {
        expect((await post(a, path, { rationale: 'x', effectiveFrom: '2027-01-01' })).status, path).toBe(403);
      }
    }
    expect((await row(id)).status).toBe('draft');
  });
});
