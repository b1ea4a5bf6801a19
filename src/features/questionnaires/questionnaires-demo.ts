import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { demoResponses } from './demo-responses.js';
import { smeRiskTemplate } from './questionnaire-template.js';

export const DEMO_QUESTIONNAIRE_TITLE = 'Demo: SME credit risk management status survey (Z Commercial Bank)';

/** The month `offset` months before `date`, as YYYY-MM (UTC). */
function monthBefore(date: Date, offset: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - offset, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The demo questionnaire: the shipped template with 120 generated responses (see demo-responses.ts) that reproduce
 * the seed study's findings, so every analysis page has content. Labelled "Demo" in its title and flagged is_demo.
 */
export const questionnairesDemoSeeder: DemoSeeder = {
  name: 'questionnaires',
  async seed(services, log) {
    const now = services.now();
    const responses = demoResponses(120);
    const schema = smeRiskTemplate();
    const title = schema.title as { default: string; 'zh-cn': string };
    schema.title = { default: `Demo: ${title.default}`, 'zh-cn': `演示：${title['zh-cn']}` };
    const id = await services.questionnaires.createDemo({
      title: DEMO_QUESTIONNAIRE_TITLE,
      description:
        'Demonstration data, not a real survey: 120 generated answers that follow the pattern reported in the seed study of Z Commercial Bank (演示数据，并非真实调查).',
      schema,
      responses,
      months: [monthBefore(now, 2), monthBefore(now, 1)],
    });
    log(`demo questionnaire ${id} with ${responses.length} demo responses`);
  },
};
