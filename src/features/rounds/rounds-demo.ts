import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import type { Services } from '../../services.js';
import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { parentNodes } from '../studies/hierarchy-tree.js';
import { demoBlockJudgments } from './demo-judgments.js';

export const DEMO_STUDY_TITLE = 'Demo: Z Commercial Bank SME credit risk (2026)';
export const DEMO_ROUND_LABEL = 'Demo round 2026 Q4';

/** The demo panel: role, organisation, expert weight, and whether the expert shows an inconsistent block. */
const PANEL: { role: string; organisation: string; weight: number; inconsistentBlock?: string }[] = [
  { role: 'risk officer', organisation: 'Demo — Z Commercial Bank, risk management department', weight: 1.5 },
  { role: 'credit approver', organisation: 'Demo — Z Commercial Bank, credit approval centre', weight: 1.5 },
  { role: 'account manager', organisation: 'Demo — Z Commercial Bank, inclusive finance department', weight: 1 },
  { role: 'branch manager', organisation: 'Demo — Z Commercial Bank, city branch', weight: 1, inconsistentBlock: 'GOAL' },
  { role: 'risk modeller', organisation: 'Demo — Z Commercial Bank, model validation team', weight: 1.5 },
  { role: 'industry analyst', organisation: 'Demo — Z Commercial Bank, research department', weight: 1 },
  { role: 'collateral appraiser', organisation: 'Demo — Z Commercial Bank, asset valuation team', weight: 1, inconsistentBlock: 'C5' },
  { role: 'compliance officer', organisation: 'Demo — Z Commercial Bank, compliance department', weight: 1 },
  { role: 'university researcher', organisation: 'Demo — university finance school (external)', weight: 1 },
];

/** The published demo matrix of a block of the default hierarchy, by its code. */
function demoMatrix(code: string): readonly (readonly number[])[] | undefined {
  if (code === 'GOAL') return DEFAULT_INDEX_SYSTEM.criteriaMatrix;
  return DEFAULT_INDEX_SYSTEM.localMatrices[code];
}

/**
 * The demo of the expert-round area: a study on the default hierarchy (7 criteria, 26 indicators), a closed round
 * of nine demo experts whose judgments are generated deterministically around the published demo matrices
 * (each judgment at most one scale step away, a few "no opinion", two experts with a block above CR 0.10), all
 * submitted through the expert service as an expert would, and weight sets: one of the consistent experts only,
 * then the main one (AIJ, eigenvector, saaty, all experts) — the newest, which the credit-model demo reads.
 */
export const roundsDemoSeeder: DemoSeeder = {
  name: 'expert rounds',
  async seed(services: Services, log) {
    const system = { id: 0, role: 'admin' as const };
    const study = await services.studies.create(
      system,
      {
        title: DEMO_STUDY_TITLE,
        description:
          'Demo data (演示数据): a fictitious bank’s expert round on the shipped, uncalibrated SME index system. The experts and their judgments are generated around the demo matrices of the default model so that every page has content.',
        locale: 'en',
        template: 'default',
      },
      { isDemo: true },
    );
    const roundId = await services.rounds.create(system, study.id, {
      label: DEMO_ROUND_LABEL,
      priorityMethod: 'eigenvector',
      riTable: 'saaty',
      crThreshold: 0.1,
      allowNoOpinion: true,
      crPolicy: 'warn',
      deadline: null,
      intro: {
        en: 'Demo round: compare the criteria of SME credit quality, then the indicators within each criterion.',
        zh: '演示轮次：请先比较小微企业信用质量的各项准则，再比较每项准则下的指标。',
      },
    });
    await services.rounds.open(system, roundId);
    const { root } = await services.rounds.hierarchyOf((await services.rounds.context(system, roundId)).round);
    const blocks = parentNodes(root).filter((b) => b.children.length >= 2);

    for (const [k, member] of PANEL.entries()) {
      const { token } = await services.rounds.invite(system, roundId, {
        name: `Demo expert ${k + 1} — ${member.role}`,
        organisation: member.organisation,
        weight: member.weight,
      });
      for (const [b, block] of blocks.entries()) {
        const base = demoMatrix(block.code);
        if (!base || base.length !== block.children.length) continue;
        const { judgments } = demoBlockJudgments(base, 2026_1200 + k * 100 + b, { inconsistent: Boolean(member.inconsistentBlock), noOpinionRate: 0.06 }, member.inconsistentBlock === block.code);
        await services.expert.autosave(token, {
          judgments: judgments.map((j) => ({ parent: block.id, left: block.children[j.i]!.id, right: block.children[j.j]!.id, value: j.value })),
          clear: [],
          page: block.id,
        });
      }
      await services.expert.submit(token);
    }
    await services.rounds.close(system, roundId);

    const monitoring = await services.rounds.monitoring(system, roundId);
    const consistent = monitoring.invitations.filter((i) => i.status === 'submitted' && !i.flagged).map((i) => i.id);
    await services.weightSets.create(system, roundId, {
      experts: consistent,
      label: 'Demo weight set 2026 Q4 — consistent experts only (AIJ)',
    });
    const main = await services.weightSets.create(system, roundId, {
      mode: 'aij',
      method: 'eigenvector',
      riTable: 'saaty',
      label: 'Demo weight set 2026 Q4 — all experts (AIJ, eigenvector, saaty)',
    });
    log(`demo study ${study.id}, round ${roundId} with ${PANEL.length} experts, weight set ${main}`);
  },
};
