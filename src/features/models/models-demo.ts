import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SUGGESTED_OVERLAY } from '../../domain/credit/overlay-points.js';
import { PROJECT_ROOT } from '../../project-root.js';
import type { Services } from '../../services.js';
import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { DEMO_INDEX_PERIODS, DEMO_INDUSTRIES, DEMO_SME_PORTFOLIO, demoSmePortfolio } from '../borrowers/demo-sme-portfolio.js';
import { POLISH_NOMINAL_AS_OF, POLISH_PORTFOLIO, polishDemoPortfolio } from '../borrowers/polish-demo-portfolio.js';
import { parsePeriod } from './prosperity-table.js';

export const DEMO_MODEL_V1 = 'Demo model v1 (default template weights, uncalibrated)';
export const DEMO_MODEL_V2 = 'Demo model v2 (from Demo round 2026 Q4 weight set)';

/** Path of 5year.arff under DEMO_DATA_DIR (relative to the project folder unless absolute). */
export function polishDataPath(demoDataDir: string): string {
  const dir = isAbsolute(demoDataDir) ? demoDataDir : resolve(PROJECT_ROOT, demoDataDir);
  return join(dir, 'polish-bankruptcy', '5year.arff');
}

/**
 * The credit-model demo (issue 6 item 9), after the expert-round demo: a synthetic industry prosperity table;
 * approved version v1 from the default template weights (uncalibrated); approved version v2 from the demo round's
 * weight set (when it exists) with two industry variants and the suggested macro overlay; a synthetic SME portfolio
 * (~40 borrowers × 4 quarters, labelled synthetic); the real Polish companies data (5year.arff, when the file is
 * found) as a demo portfolio; both portfolios batch-scored under both versions.
 */
export const modelsDemoSeeder: DemoSeeder = {
  name: 'credit models and borrowers',
  async seed(services: Services, log) {
    const system = { id: 0, role: 'admin' as const };
    const { models, borrowers, scoring } = services;

    // Synthetic prosperity index table (demo quarters and the year before).
    const rows = DEMO_INDUSTRIES.flatMap((ind) => DEMO_INDEX_PERIODS.map((p, i) => {
      const period = parsePeriod(p)!;
      return { industry: ind.code, periodEnd: period.periodEnd, periodLabel: period.label, value: ind.index[i]! };
    }));
    await models.importProsperity(system, rows, { source: 'Demo (synthetic) industry prosperity index — not published statistics', isDemo: true });

    // v1: default template weights.
    const v1 = await models.createDraft(system, {
      name: DEMO_MODEL_V1,
      description: 'Demo (演示): the shipped default index system with its demo judgment matrices’ eigenvector weights. Uncalibrated — not fitted to any bank’s defaults.',
      rationale: 'Demo: starting model before any expert round.',
      source: { kind: 'template' },
    }, { isDemo: true, unchecked: true });
    await models.approve(system, v1, { effectiveFrom: '2026-01-01', rationale: 'Demo approval (system): baseline for the demo portfolio.' });
    const versions = [v1];

    // v2: the demo round's weight set, rules from v1, two industry variants and the overlay.
    const weightSetId = await services.weightSets.latestDemoWeightSetId();
    if (weightSetId === undefined) {
      log('no demo weight set found: demo model v2 not created');
    } else {
      const v2 = await models.createDraft(system, {
        name: DEMO_MODEL_V2,
        description: 'Demo (演示): weights from the demo expert round (AIJ, eigenvector), scoring rules from v1, an industry variant for wholesale & retail (F) and construction (E), and the suggested ±5-point prosperity overlay. Uncalibrated.',
        rationale: 'Demo: new expert round 2026 Q4 replaces the template weights.',
        source: { kind: 'weight-set', weightSetId, baseVersionId: v1 },
      }, { isDemo: true, unchecked: true });
      await models.setVariant(system, v2, {
        industry: 'F', names: { en: 'wholesale & retail', zh: '批发和零售业' },
        indicatorTilts: { I42: 0.6, I41: 1.2 },
        rationale: 'Demo: traders hold inventory by design; inventory days weigh less, receivable days more.',
      });
      await models.updateRule(system, v2, 'I42', {
        rule: { kind: 'anchors', anchors: [{ raw: 45, score: 100 }, { raw: 90, score: 80 }, { raw: 150, score: 50 }, { raw: 300, score: 0 }] },
        unit: 'days', direction: 'decreasing', industry: 'F',
      }, 'Demo: looser inventory-days anchors for wholesale and retail.');
      await models.setVariant(system, v2, {
        industry: 'E', names: { en: 'construction', zh: '建筑业' },
        criterionTilts: { C7: 1.4, C4: 0.8 },
        rationale: 'Demo: long project cycles make collateral matter more and turnover less in construction.',
      });
      await models.setOverlay(system, v2, { ...SUGGESTED_OVERLAY }, 'Demo: bounded macro overlay from the (synthetic) industry prosperity index.');
      await models.approve(system, v2, { effectiveFrom: '2026-10-01', rationale: 'Demo approval (system): expert round 2026 Q4 in force from Q4.' });
      versions.push(v2);
    }

    // Synthetic SME portfolio.
    const sme = demoSmePortfolio();
    await borrowers.insertSnapshots(system, sme, { portfolio: DEMO_SME_PORTFOLIO, isDemo: true, isSynthetic: true });

    // Real data: Polish companies, 5th year.
    const path = polishDataPath(services.config.demoDataDir);
    let polish = 0;
    if (!existsSync(path)) {
      log(`notice: ${path} not found (set DEMO_DATA_DIR); the real-data demo portfolio is skipped`);
    } else {
      const { snapshots, skipped } = polishDemoPortfolio(readFileSync(path, 'utf8'));
      await borrowers.insertSnapshots(system, snapshots, { portfolio: POLISH_PORTFOLIO, isDemo: true, isSynthetic: false });
      polish = snapshots.length;
      log(`Polish companies 5year: ${polish} firms imported (nominal as-of ${POLISH_NOMINAL_AS_OF}), ${skipped} rows without any usable ratio skipped`);
    }

    for (const id of versions) {
      for (const portfolio of [DEMO_SME_PORTFOLIO, ...(polish ? [POLISH_PORTFOLIO] : [])]) {
        const job = await scoring.scoreAll(system, id, { portfolio }, 2000);
        log(`scored ${portfolio} under version ${id}: ${job.done} snapshots, ${job.failed} not scorable`);
      }
    }
    log(`demo models ${versions.join(', ')}; ${sme.length} synthetic SME snapshots; ${polish} real Polish firms`);
  },
};
