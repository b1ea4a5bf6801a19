import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../project-root.js';
import type { Services } from '../../services.js';
import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { POLISH_PORTFOLIO } from '../borrowers/polish-demo-portfolio.js';
import { GERMAN_PORTFOLIO, germanDemoPortfolio } from './german-demo-portfolio.js';

/** Path of german.data under DEMO_DATA_DIR (relative to the project folder unless absolute). */
export function germanDataPath(demoDataDir: string): string {
  const dir = isAbsolute(demoDataDir) ? demoDataDir : resolve(PROJECT_ROOT, demoDataDir);
  return join(dir, 'german-credit', 'german.data');
}

export const DEMO_POLISH_SEED = 20261129;
export const DEMO_GERMAN_SEED = 1994;

/**
 * The validation demo (issue 7 point 7), after the credit-model demo: the demo model versions compared on real
 * outcomes. (1) The Polish companies 5year portfolio: a stratified sample by the v1 grade, Neyman allocation on the
 * bankruptcy indicator, at least 5 per stratum, bankrupt firms oversampled ×2 with design weights, its size from
 * the calculator (95 %, ± 1 point, expected rate 7 %); run v1 vs v2 on the real bankruptcy outcome. (2) The
 * German credit data, imported as a demo portfolio when absent and scored under both versions; a simple random
 * sample sized by the calculator (95 %, ± 3 points, expected rate 30 %); run v1 vs v2 on the good/bad outcome with
 * the Statlog cost ratio 5. Everything is named "Demo" and flagged demo.
 */
export const validationDemoSeeder: DemoSeeder = {
  name: 'validation',
  async seed(services: Services, log) {
    const system = { id: 0, role: 'admin' as const };
    const { models, borrowers, scoring, validation } = services;
    const versions = (await models.listModelVersions()).filter((v) => v.isDemo && v.status === 'approved').sort((a, b) => a.id - b.id);
    if (versions.length < 2) {
      log('fewer than two approved demo model versions: no demo validation run');
      return;
    }
    const [v1, v2] = versions as [typeof versions[number], typeof versions[number]];
    const portfolios = new Set((await borrowers.portfolios()).map((p) => p.portfolio));

    if (!portfolios.has(POLISH_PORTFOLIO)) {
      log('the Polish companies demo portfolio is absent (DEMO_DATA_DIR): no Polish validation run');
    } else {
      const started = Date.now();
      const sampleId = await validation.drawSample(system, {
        name: 'Demo: Polish companies 5year — stratified by v1 grade, bankrupt firms oversampled',
        description: 'Demo (演示). Real firms and real bankruptcy outcomes (UCI 365, CC BY 4.0). Strata: the grade under demo model v1; Neyman allocation on the bankruptcy indicator; at least 5 firms per stratum; bankrupt firms sampled at twice the rate of the others, with design weights. Size from the calculator: 95 % confidence, ± 1 point, expected rate 7 %.',
        populationFilter: { portfolio: POLISH_PORTFOLIO, asOfFrom: null, asOfTo: null, industry: null, latestPerBorrower: false },
        outcomeDefinition: { kind: 'stored' },
        design: { method: 'stratified', sampleSize: null, stratifyBy: ['grade'], allocation: 'neyman', minPerStratum: 5, smallStrata: 'collapse', oversampleFactor: 2, gradeVersionId: v1.id },
        seed: DEMO_POLISH_SEED,
        calculator: { confidence: 0.95, margin: 0.01, expectedRate: 0.07 },
        isDemo: true,
      });
      const runId = await validation.createRun(system, {
        sampleId, name: 'Demo: v1 vs v2 on Polish bankruptcies (1-year horizon)', versionIds: [v1.id, v2.id], outcomeDefinition: null,
        cutoffGrade: 'CCC', costRatio: 5, pdScale: {}, referencePeriod: null, isDemo: true,
      });
      const run = await validation.getRun(runId);
      log(`Polish run ${runId}: ${run.unitsUsed} firms, ${run.bads} bankrupt; AUC ${run.results.versions.map((v) => `${v.key} ${v.auc?.toFixed(3)}`).join(', ')}; ${Date.now() - started} ms`);
    }

    const path = germanDataPath(services.config.demoDataDir);
    if (!portfolios.has(GERMAN_PORTFOLIO)) {
      if (!existsSync(path)) {
        log(`notice: ${path} not found (set DEMO_DATA_DIR); the German credit validation run is skipped`);
        return;
      }
      const snapshots = germanDemoPortfolio(readFileSync(path, 'utf8'));
      await borrowers.insertSnapshots(system, snapshots, { portfolio: GERMAN_PORTFOLIO, isDemo: true, isSynthetic: false });
      for (const v of [v1, v2]) await scoring.scoreAll(system, v.id, { portfolio: GERMAN_PORTFOLIO }, 2000);
      log(`German credit: ${snapshots.length} loans imported and scored under versions ${v1.id} and ${v2.id}`);
    }
    const started = Date.now();
    const sampleId = await validation.drawSample(system, {
      name: 'Demo: German credit — simple random sample',
      description: 'Demo (演示). Real loans with their good/bad outcome (Statlog German Credit, UCI 144, CC BY 4.0); individual borrowers, so only 5 of the 26 indicators are available (documented proxies). Size from the calculator: 95 % confidence, ± 3 points, expected rate 30 %.',
      populationFilter: { portfolio: GERMAN_PORTFOLIO, asOfFrom: null, asOfTo: null, industry: null, latestPerBorrower: false },
      outcomeDefinition: { kind: 'stored' },
      design: { method: 'simple-random', sampleSize: null, stratifyBy: [], allocation: 'proportional', minPerStratum: 2, smallStrata: 'collapse', oversampleFactor: null, gradeVersionId: null },
      seed: DEMO_GERMAN_SEED,
      calculator: { confidence: 0.95, margin: 0.03, expectedRate: 0.3 },
      isDemo: true,
    });
    const runId = await validation.createRun(system, {
      sampleId, name: 'Demo: v1 vs v2 on German credit good/bad', versionIds: [v1.id, v2.id], outcomeDefinition: null,
      cutoffGrade: 'CCC', costRatio: 5, pdScale: {}, referencePeriod: null, isDemo: true,
    });
    const run = await validation.getRun(runId);
    log(`German run ${runId}: ${run.unitsUsed} loans, ${run.bads} bad; AUC ${run.results.versions.map((v) => `${v.key} ${v.auc?.toFixed(3)}`).join(', ')}; ${Date.now() - started} ms`);
  },
};
