import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsDemoSeeder, DEMO_OFFICERS } from '../../src/features/decisions/decisions-demo.js';
import { modelsDemoSeeder } from '../../src/features/models/models-demo.js';
import { policiesDemoSeeder } from '../../src/features/policies/policies-demo.js';
import { roundsDemoSeeder } from '../../src/features/rounds/rounds-demo.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const logs: string[] = [];

/** The decision demo on the demo it builds on (rounds → models → policies), without the real-data files. */
beforeAll(async () => {
  t = await createTestApp({ DEMO_DATA_DIR: '/nonexistent-demo-data' });
  for (const seeder of [roundsDemoSeeder, modelsDemoSeeder, policiesDemoSeeder, decisionsDemoSeeder]) {
    await seeder.seed(t.services, (m) => logs.push(`${seeder.name}: ${m}`));
  }
}, 120_000);
afterAll(async () => t?.close());

describe('decisions demo', () => {
  it('stores labelled demo applications through the service, with every kind of decision and case state', async () => {
    const rows = await t.db('credit_decisions').select('request_id', 'is_demo', 'submitted_via', 'policy_decision', 'decided_at');
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.every((r) => /^DEMO-APP-\d{4}$/.test(r.request_id) && Boolean(r.is_demo) && r.submitted_via === 'demo')).toBe(true);
    expect(new Set(rows.map((r) => r.policy_decision))).toEqual(new Set(['approve', 'refer', 'decline']));
    const months = new Set(rows.map((r) => String(r.decided_at).slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    const counts = await t.services.decisions.statusCounts();
    expect(counts.pending).toBeGreaterThan(0);
    expect(counts['awaiting-second']).toBe(2);
    const overrides = await t.db('decision_cases').whereIn('override_kind', ['decline-to-approve', 'approve-to-decline']).count({ n: '*' }).first();
    expect(Number((overrides as { n: unknown }).n)).toBeGreaterThan(5);
    expect(logs.some((l) => l.startsWith('credit decisions:') && /queue: \d+ pending, 2 awaiting/.test(l))).toBe(true);
  });

  it('gives the monitoring page content, with the alert on the officer who overrides most', async () => {
    const manager = await t.signedIn('manager');
    const page = await manager.agent.get('/decisions/monitoring');
    expect(page.status).toBe(200);
    const alerts = page.text.match(/role="alert">[^<]*/g) ?? [];
    expect(alerts.some((a) => a.includes(`officer ${DEMO_OFFICERS[2]}`))).toBe(true);
    const queue = await manager.agent.get('/decisions/queue');
    expect(queue.text).toContain('DEMO-SME-');
  });
});
