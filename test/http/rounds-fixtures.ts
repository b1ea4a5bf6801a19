import request from 'supertest';
import { DEFAULT_INDEX_SYSTEM } from '../../src/domain/credit/default-index-system.js';
import { parentNodes, type TreeNode } from '../../src/features/studies/hierarchy-tree.js';
import type { TestApp } from '../helpers/test-app.js';

/** The system actor the demo uses; tests use it to set up rounds quickly through the services. */
export const SYSTEM = { id: 0, role: 'admin' as const };

export interface RoundSetup {
  studyId: number;
  roundId: number;
  root: TreeNode;
  blocks: TreeNode[];
}

/** A study on the default template with a round (opened unless `open: false`), through the services. */
export async function setUpRound(
  t: TestApp,
  options: { open?: boolean; allowNoOpinion?: boolean; crPolicy?: 'warn' | 'require'; deadline?: string | null; ownerId?: number; title?: string } = {},
): Promise<RoundSetup> {
  const owner = options.ownerId ? { id: options.ownerId, role: 'researcher' as const } : SYSTEM;
  const study = await t.services.studies.create(owner, { title: options.title ?? 'Test study', description: '', locale: 'en', template: 'default' });
  const roundId = await t.services.rounds.create(owner, study.id, {
    label: '2026 Q4',
    priorityMethod: 'eigenvector',
    riTable: 'saaty',
    crThreshold: 0.1,
    allowNoOpinion: options.allowNoOpinion ?? true,
    crPolicy: options.crPolicy ?? 'warn',
    deadline: options.deadline ?? null,
    intro: { en: '', zh: '' },
  });
  if (options.open !== false) await t.services.rounds.open(owner, roundId);
  const { root } = await t.services.rounds.hierarchyOf((await t.services.rounds.context(SYSTEM, roundId)).round);
  return { studyId: study.id, roundId, root: root as TreeNode, blocks: parentNodes(root).filter((b) => b.children.length >= 2) };
}

/** The demo matrix of a block of the default hierarchy. */
export function demoMatrix(code: string): number[][] {
  return (code === 'GOAL' ? DEFAULT_INDEX_SYSTEM.criteriaMatrix : DEFAULT_INDEX_SYSTEM.localMatrices[code]) as number[][];
}

/** Every judgment of a block from its demo matrix, as the expert page sends them. */
export function blockJudgments(block: TreeNode, transform: (value: number, i: number, j: number) => number | null = (v) => v) {
  const m = demoMatrix(block.code);
  return block.children.flatMap((a, i) =>
    block.children.slice(i + 1).map((b, k) => ({ parent: block.id, left: a.id, right: b.id, value: transform((m[i] as number[])[i + 1 + k] as number, i, i + 1 + k) })),
  );
}

export function autosave(t: TestApp, token: string, body: unknown) {
  return request(t.app).post(`/e/${token}/autosave`).set('X-Requested-With', 'fetch').send(body as object);
}

export function submit(t: TestApp, token: string) {
  return request(t.app).post(`/e/${token}/submit`).set('X-Requested-With', 'fetch').send({});
}

/** Answers every block with the demo matrices (optionally transformed) and returns the last response. */
export async function answerAll(t: TestApp, token: string, blocks: TreeNode[], transform?: (value: number, i: number, j: number, block: TreeNode) => number | null) {
  let last: request.Response | undefined;
  for (const block of blocks) {
    last = await autosave(t, token, { judgments: blockJudgments(block, transform ? (v, i, j) => transform(v, i, j, block) : undefined), page: block.id });
    if (last.status !== 200) throw new Error(`autosave failed: ${last.status} ${JSON.stringify(last.body)}`);
  }
  return last as request.Response;
}

/** Row counts of everything an expert's answers may touch (for "nothing stored" checks). */
export async function snapshot(t: TestApp, invitationId?: number) {
  const where = invitationId ? { invitation_id: invitationId } : {};
  const count = async (table: string, filter: Record<string, unknown>) => Number((await t.db(table).where(filter).count<{ n: string | number }[]>({ n: '*' }))[0]?.n ?? 0);
  const judgments = await t.db('judgments').where(where).orderBy('id').select('parent_node_id', 'left_node_id', 'right_node_id', 'value', 'updated_at');
  const results = await t.db('expert_node_results').where(where).orderBy('node_id').select('node_id', 'answered', 'cr', 'updated_at');
  const invitation = invitationId ? await t.db('expert_invitations').where({ id: invitationId }).first('status', 'started_at', 'submitted_at', 'last_activity_at', 'current_node_id') : null;
  return { judgments, results, invitation, totals: { judgments: await count('judgments', {}), results: await count('expert_node_results', {}) } };
}
