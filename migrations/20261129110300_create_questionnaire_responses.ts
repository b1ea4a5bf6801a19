import type { Knex } from 'knex';

/**
 * Submitted responses. Deliberately without any identifying column: no user, no IP address, no user agent, and no
 * exact time for anonymous responses — only the month of submission (LimeSurvey's "anonymized responses" blank the
 * dates the same way). `link_id` and `submitted_at` are filled only for personal links of a questionnaire that is
 * not anonymous. `version` is the questionnaire version the respondent answered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaire_responses', (t) => {
    t.increments('id').primary();
    t.integer('questionnaire_id').notNullable().references('id').inTable('questionnaires').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.string('source', 16).notNullable();
    t.integer('link_id').nullable().references('id').inTable('questionnaire_links').onDelete('SET NULL');
    t.text('data').notNullable();
    t.string('submitted_month', 7).notNullable();
    t.string('submitted_at', 32).nullable();
    t.index(['questionnaire_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questionnaire_responses');
}
