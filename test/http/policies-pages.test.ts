import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/default-policy.js';
import { validatePolicy } from '../../src/domain/policy/validate-policy.js';
import { formValuesOf } from '../../src/features/policies/policy-form.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

const system = { id: 0, role: 'admin' as const };
let t: TestApp;
let modelId: number;
let authorA: SignedInAgent, researcherB: SignedInAgent, manager: SignedInAgent, officer: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  modelId = await t.services.models.createDraft(system, { name: 'Model for policies', rationale: 'test', source: { kind: 'template' } });
  await t.services.models.approve(system, modelId, { effectiveFrom: '2026-01-01', rationale: 'test' });
  authorA = await t.signedIn('researcher');
  researcherB = await t.signedIn('researcher');
  manager = await t.signedIn('manager');
  officer = await t.signedIn('credit-officer');
});
afterAll(async () => t?.close());

const row = (id: number) => t.db('policy_versions').where({ id }).first();
const defOf = async (id: number) => JSON.parse(String((await row(id)).definition));

/** Every field of the edit form as the browser would post it for a definition. */
function formOf(def = DEFAULT_POLICY, extra: Record<string, string> = {}, csrf = '') {
  return { _csrf: csrf, name: 'Edited', description: '', effectiveFrom: '', ...formValuesOf(def), ...extra };
}

async function createDraft(agent: SignedInAgent, name = 'Draft policy'): Promise<number> {
  const res = await agent.agent.post('/policies').type('form').send({ _csrf: agent.csrf, name, source: 'default', modelVersionId: String(modelId) });
  expect(res.status).toBe(303);
  const m = /^\/policies\/(\d+)\/edit$/.exec(res.headers.location as string);
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('policy drafts', () => {
  it('creates a draft from the default policy, attached to the model', async () => {
    const id = await createDraft(authorA);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'draft', model_version_id: modelId, created_by: authorA.user.id, effective_from: null });
    expect(JSON.parse(String(r.definition))).toEqual(JSON.parse(JSON.stringify(DEFAULT_POLICY)));
    const page = await authorA.agent.get(`/policies/${id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="exposureLimits.AAA.small" type="text" value="10000000"');
    expect(page.text).toContain('name="knockOuts.5.id" type="text" value="restricted-industry"');
  });

  it('refuses a new draft without a model or name: 400, nothing stored', async () => {
    const before = (await t.db('policy_versions').count({ n: '*' }))[0]!.n;
    const res = await authorA.agent.post('/policies').type('form').send({ _csrf: authorA.csrf, name: '', source: 'default', modelVersionId: String(modelId) });
    expect(res.status).toBe(400);
    const res2 = await authorA.agent.post('/policies').type('form').send({ _csrf: authorA.csrf, name: 'x', source: 'default', modelVersionId: '999999' });
    expect(res2.status).toBe(400);
    expect(res2.text).toContain('This model version does not exist.');
    expect((await t.db('policy_versions').count({ n: '*' }))[0]!.n).toBe(before);
  });

  it('an invalid edit → 400 with validatePolicy messages next to their fields, nothing changed', async () => {
    const id = await createDraft(authorA);
    const before = await row(id);
    const res = await authorA.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, {
      'gradeThresholds.approveFrom': 'B', 'gradeThresholds.referFrom': 'BBB',
      'exposureLimits.AA.medium': '-5',
      minCompleteness: '1.5',
      'knockOuts.2.labels.zh': '',
      'loopholeChecks.plausibility.bounds.3.min': '10', 'loopholeChecks.plausibility.bounds.3.max': '2',
    }, authorA.csrf));
    expect(res.status).toBe(400);
    const html = res.text.replace(/&#34;/g, '"').replace(/&#39;/g, "'");
    // The messages are the domain's, each rendered in the error paragraph of its own field.
    const errorOf = (field: string) => new RegExp(`id="f-${field.replace(/[^A-Za-z0-9_-]/g, '-')}-error">([^<]*)<`).exec(html)?.[1];
    expect(errorOf('gradeThresholds.approveFrom')).toBe('approveFrom (B) must be at or above referFrom (BBB).');
    expect(errorOf('exposureLimits.AA.medium')).toBe('exposureLimits.AA.medium must be a finite number ≥ 0, got -5.');
    expect(errorOf('minCompleteness')).toBe('minCompleteness must be in [0, 1], got 1.5.');
    expect(errorOf('knockOuts.2.labels.en')).toBe('knockOuts.2.labels needs an English and a Chinese text.');
    expect(errorOf('loopholeChecks.plausibility.bounds.3.indicator')).toBe('Bound 4 (I22): min 10 is above max 2.');
    // Same problems as validatePolicy reports for that definition.
    const errors = validatePolicy({ ...DEFAULT_POLICY, gradeThresholds: { approveFrom: 'B', referFrom: 'BBB' } }).filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.path)).toEqual(['gradeThresholds']);
    // The posted values are kept in the form.
    expect(html).toContain('name="minCompleteness" type="text" value="1.5"');
    const after = await row(id);
    expect(after.definition).toBe(before.definition);
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.name).toBe(before.name);
  });

  it('a non-number → 400 "Please enter a number." by the field, nothing changed', async () => {
    const id = await createDraft(authorA);
    const before = await row(id);
    const res = await authorA.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, { autoApprovalMaxAmount: 'three million' }, authorA.csrf));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-autoApprovalMaxAmount-error">Please enter a number\.</);
    expect((await row(id)).definition).toBe(before.definition);
  });

  it('a valid edit is stored; empty optional fields switch rules off; removed rows are dropped', async () => {
    const id = await createDraft(authorA);
    const res = await authorA.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, {
      name: 'Stricter', 'gradeThresholds.approveFrom': 'A', maxTermMonths: '', 'loopholeChecks.duplicate.windowDays': '',
      'knockOuts.5.remove': 'on', 'industryConcentration.maxShareByIndustry': 'F=0.2, E=0.15', effectiveFrom: '2027-01-01',
    }, authorA.csrf));
    expect(res.status).toBe(303);
    const r = await row(id);
    expect(r.name).toBe('Stricter');
    expect(r.effective_from).toBe('2027-01-01');
    const d = JSON.parse(String(r.definition));
    expect(d.gradeThresholds).toEqual({ approveFrom: 'A', referFrom: 'B' });
    expect(d.maxTermMonths).toBeNull();
    expect(d.loopholeChecks.duplicate).toBeNull();
    expect(d.knockOuts.map((k: { id: string }) => k.id)).toEqual(['model-knock-out', 'dishonest-debtor-flag', 'dishonest-debtor-record', 'insolvency-flag', 'eliminated-industry']);
    expect(d.industryConcentration.maxShareByIndustry).toEqual({ F: 0.2, E: 0.15 });
    expect(d.exposureLimits).toEqual(JSON.parse(JSON.stringify(DEFAULT_POLICY.exposureLimits)));
    expect(d.loopholeChecks.plausibility).toEqual(JSON.parse(JSON.stringify(DEFAULT_POLICY.loopholeChecks.plausibility)));
  });
});

describe('approval, immutability, retirement', () => {
  let id: number;
  beforeAll(async () => { id = await createDraft(authorA, 'To approve'); });

  it('the author cannot approve (four eyes: 403), nothing changed', async () => {
    const res = await authorA.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: authorA.csrf, effectiveFrom: '2026-02-01', rationale: 'mine' });
    expect(res.status).toBe(403);
    expect((await row(id)).status).toBe('draft');
  });

  it('a rationale is required (400), then another researcher approves; the dry run is kept', async () => {
    const bad = await researcherB.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: researcherB.csrf, effectiveFrom: '2026-02-01', rationale: ' ' });
    expect(bad.status).toBe(400);
    expect((await row(id)).status).toBe('draft');
    const ok = await researcherB.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: researcherB.csrf, effectiveFrom: '2026-02-01', rationale: 'Committee minute 12' });
    expect(ok.status).toBe(303);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'approved', approved_by: researcherB.user.id, approval_rationale: 'Committee minute 12', effective_from: '2026-02-01' });
    expect(JSON.parse(String(r.approval_dry_run))).toMatchObject({ cases: 0, result: { mix: { total: 0 } } });
    const audit = await t.db('audit_events').where({ event: 'policy.approved', target_id: id }).first();
    expect(audit).toBeDefined();
  });

  it('an approved version is immutable: approve, edit and delete → 409, nothing changed', async () => {
    const before = await row(id);
    const again = await researcherB.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: researcherB.csrf, effectiveFrom: '2026-03-01', rationale: 'again' });
    expect(again.status).toBe(409);
    const edit = await authorA.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, { 'gradeThresholds.approveFrom': 'AA' }, authorA.csrf));
    expect(edit.status).toBe(409);
    expect((await authorA.agent.get(`/policies/${id}/edit`)).status).toBe(409);
    const del = await authorA.agent.post(`/policies/${id}/delete`).type('form').send({ _csrf: authorA.csrf });
    expect(del.status).toBe(409);
    await expect(t.services.policies.updateDraft(system, id, { name: 'x' })).rejects.toMatchObject({ status: 409 });
    expect(await row(id)).toEqual(before);
  });

  it('retire needs a rationale, then the version is retired (and cannot be retired twice)', async () => {
    const bad = await researcherB.agent.post(`/policies/${id}/retire`).type('form').send({ _csrf: researcherB.csrf, rationale: '' });
    expect(bad.status).toBe(400);
    expect((await row(id)).status).toBe('approved');
    const ok = await authorA.agent.post(`/policies/${id}/retire`).type('form').send({ _csrf: authorA.csrf, rationale: 'Replaced' });
    expect(ok.status).toBe(303);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'retired', retired_by: authorA.user.id, retire_rationale: 'Replaced' });
    const twice = await authorA.agent.post(`/policies/${id}/retire`).type('form').send({ _csrf: authorA.csrf, rationale: 'again' });
    expect(twice.status).toBe(409);
  });
});

describe('access', () => {
  it('managers and credit officers read; their writes → 403 and nothing is stored', async () => {
    const id = await createDraft(authorA, 'Access');
    for (const reader of [manager, officer]) {
      expect((await reader.agent.get('/policies')).status).toBe(200);
      expect((await reader.agent.get(`/policies/${id}`)).status).toBe(200);
      expect((await reader.agent.get(`/policies/${id}/dry-run`)).status).toBe(200);
      expect((await reader.agent.get(`/policies/diff?a=${id}&b=${id}`)).status).toBe(200);
    }
    const count = async () => (await t.db('policy_versions').count({ n: '*' }))[0]!.n;
    const before = await count();
    const snapshot = await row(id);
    expect((await manager.agent.get('/policies/new')).status).toBe(403);
    expect((await manager.agent.post('/policies').type('form').send({ _csrf: manager.csrf, name: 'm', source: 'default', modelVersionId: String(modelId) })).status).toBe(403);
    expect((await manager.agent.get(`/policies/${id}/edit`)).status).toBe(403);
    expect((await manager.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, {}, manager.csrf))).status).toBe(403);
    expect((await manager.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: manager.csrf, effectiveFrom: '2026-02-01', rationale: 'x' })).status).toBe(403);
    expect((await officer.agent.post(`/policies/${id}/approve`).type('form').send({ _csrf: officer.csrf, effectiveFrom: '2026-02-01', rationale: 'x' })).status).toBe(403);
    expect((await manager.agent.post(`/policies/${id}/delete`).type('form').send({ _csrf: manager.csrf })).status).toBe(403);
    expect(await count()).toBe(before);
    expect(await row(id)).toEqual(snapshot);
  });

  it('another researcher may not edit the author’s draft (403); an administrator may', async () => {
    const id = await createDraft(authorA, 'Owned');
    const res = await researcherB.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, { name: 'taken over' }, researcherB.csrf));
    expect(res.status).toBe(403);
    expect((await row(id)).name).toBe('Owned');
    const admin = await t.signedIn('admin');
    const ok = await admin.agent.post(`/policies/${id}/edit`).type('form').send(formOf(DEFAULT_POLICY, { name: 'Admin edit' }, admin.csrf));
    expect(ok.status).toBe(303);
    expect((await row(id)).name).toBe('Admin edit');
  });

  it('pages of an unknown version → 404', async () => {
    expect((await manager.agent.get('/policies/987654')).status).toBe(404);
  });
});

describe('diff', () => {
  it('lists the rules that differ, A → B', async () => {
    const a = await createDraft(authorA, 'Diff A');
    const b = await t.services.policies.createDraft(system, { name: 'Diff B', source: { kind: 'copy', versionId: a } });
    const base = await t.services.policies.getPolicyVersion(b);
    await t.services.policies.updateDraft(system, b, { definition: { ...base.definition, gradeThresholds: { approveFrom: 'A', referFrom: 'B' }, maxTermMonths: 24 } });
    const res = await manager.agent.get(`/policies/diff?a=${a}&b=${b}`);
    expect(res.status).toBe(200);
    const rows = [...res.text.matchAll(/<tr class="models-changed"><td>[^<]*<\/td><td><code>([^<]+)<\/code><\/td><td class="small">([^<]*)<\/td><td class="small">([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([['gradeThresholds.approveFrom', 'BBB', 'A'], ['maxTermMonths', '36', '24']]);
    const same = await manager.agent.get(`/policies/diff?a=${a}&b=${a}`);
    expect(same.text).toContain('The two versions have the same rules.');
  });
});
