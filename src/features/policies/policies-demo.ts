import type { Services } from '../../services.js';
import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { DEMO_MODEL_V1, DEMO_MODEL_V2 } from '../models/models-demo.js';

export const DEMO_POLICY_V1 = 'Demo policy for model v1 (shipped default, proposal)';
export const DEMO_POLICY_V2 = 'Demo policy for model v2 (shipped default, proposal)';
export const DEMO_POLICY_DRAFT = 'Demo draft: stricter grades (approve from A)';

/**
 * The policy demo, after the credit-model demo: the shipped default policy (a proposal, uncalibrated) approved for
 * each approved demo model version, effective with it; and a draft copy with stricter grade thresholds for the
 * newest model, so that the dry run and the diff have something to show.
 */
export const policiesDemoSeeder: DemoSeeder = {
  name: 'approval decision policies',
  async seed(services: Services, log) {
    const system = { id: 0, role: 'admin' as const };
    const { policies, models } = services;
    const demoModels = (await models.listModelVersions()).filter((m) => m.isDemo && m.status === 'approved' && m.effectiveFrom !== null);
    const plan = [
      { model: demoModels.find((m) => m.name === DEMO_MODEL_V1), name: DEMO_POLICY_V1 },
      { model: demoModels.find((m) => m.name === DEMO_MODEL_V2), name: DEMO_POLICY_V2 },
    ];
    let last: number | null = null;
    for (const { model, name } of plan) {
      if (!model) continue;
      const id = await policies.createDraft(system, {
        name, modelVersionId: model.id, source: { kind: 'default' },
        description: 'Demo (演示): the shipped default approval policy — a proposal for the credit committee, not calibrated or adopted by any bank.',
      }, { isDemo: true });
      await policies.approve(system, id, { effectiveFrom: model.effectiveFrom as string, rationale: 'Demo approval (system): the shipped default policy in force with its model version.', dryRun: null });
      last = id;
      log(`policy ${id} approved for model version ${model.id} from ${model.effectiveFrom}`);
    }
    if (last === null) {
      log('no approved demo model version: no demo policy');
      return;
    }
    const draft = await policies.createDraft(system, { name: DEMO_POLICY_DRAFT, source: { kind: 'copy', versionId: last }, description: 'Demo (演示): a draft that approves only from grade A; compare it with the policy in force before approving.' }, { isDemo: true });
    const base = await policies.getPolicyVersion(draft);
    await policies.updateDraft(system, draft, { definition: { ...base.definition, gradeThresholds: { approveFrom: 'A', referFrom: 'BB' } } });
    log(`draft policy ${draft}`);
  },
};
