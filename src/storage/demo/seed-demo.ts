import type { Logger } from 'pino';
import type { Services } from '../../services.js';
import { getSetting, setSetting } from '../app-settings.js';
import { roundsDemoSeeder } from '../../features/rounds/rounds-demo.js';
import { questionnairesDemoSeeder } from '../../features/questionnaires/questionnaires-demo.js';
import { modelsDemoSeeder } from '../../features/models/models-demo.js';
import { validationDemoSeeder } from '../../features/validation/validation-demo.js';
import { policiesDemoSeeder } from '../../features/policies/policies-demo.js';
import { decisionsDemoSeeder } from '../../features/decisions/decisions-demo.js';

/**
 * One area's part of the demo. Seeders run in this order, each with the services (never raw SQL), and everything
 * they create is labelled "demo" in its title or name so nobody mistakes it for a bank's own data.
 */
export interface DemoSeeder {
  name: string;
  seed(services: Services, log: (message: string) => void): Promise<void>;
}

/** Areas add their seeder here, in dependency order (study → round → weight set → model → …). */
export const DEMO_SEEDERS: DemoSeeder[] = [roundsDemoSeeder, modelsDemoSeeder, validationDemoSeeder, policiesDemoSeeder, decisionsDemoSeeder, questionnairesDemoSeeder];

/**
 * Seeds the demo into an empty database (no account yet and never seeded before). Returns whether it seeded.
 * Idempotent: a marker in app_settings records that the demo was seeded, so a restart never seeds twice.
 */
export async function seedDemoIfEmpty(services: Services, logger: Logger): Promise<boolean> {
  if (await getSetting(services.db, 'demo_seeded')) return false;
  if (!(await services.users.needsSetup())) return false;
  const started = Date.now();
  for (const seeder of DEMO_SEEDERS) {
    await seeder.seed(services, (message) => logger.info({ seeder: seeder.name }, message));
  }
  await setSetting(services.db, 'demo_seeded', new Date().toISOString());
  logger.info({ ms: Date.now() - started, seeders: DEMO_SEEDERS.map((s) => s.name) }, 'demo data seeded');
  return true;
}
