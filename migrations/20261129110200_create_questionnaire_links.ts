import type { Knex } from 'knex';

/**
 * Personal links to a questionnaire: one response each. Only the token's SHA-256 is stored. `draft` holds the
 * autosaved answers until submission (then it is cleared). `submitted_on` is the exact time for identified
 * questionnaires and only the month (YYYY-MM) for anonymous ones, so the link list cannot be matched to responses.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaire_links', (t) => {
    t.increments('id').primary();
    t.integer('questionnaire_id').notNullable().references('id').inTable('questionnaires').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.string('label', 200).notNullable();
    t.string('status', 16).notNullable().defaultTo('invited');
    t.text('draft').nullable();
    t.integer('draft_version').nullable();
    t.string('draft_saved_at', 32).nullable();
    t.string('submitted_on', 32).nullable();
    t.string('created_at', 32).notNullable();
    t.index(['questionnaire_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questionnaire_links');
}
