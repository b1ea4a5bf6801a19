import type { Knex } from 'knex';

/** Each questionnaire's SurveyJS JSON, versioned: a version that has responses is never changed again. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaire_versions', (t) => {
    t.increments('id').primary();
    t.integer('questionnaire_id').notNullable().references('id').inTable('questionnaires').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('schema').notNullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.unique(['questionnaire_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questionnaire_versions');
}
