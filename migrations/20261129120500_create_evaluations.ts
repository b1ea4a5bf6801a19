import type { Knex } from 'knex';

/**
 * Stored evaluations: one per snapshot and model version (re-scoring replaces it). The version used is always
 * recorded; the breakdown (criteria, indicators, caps, adjustments, warnings) and the early-warning signals are
 * kept as JSON next to the score and grade.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluations', (t) => {
    t.increments('id').primary();
    t.integer('snapshot_id').notNullable().references('id').inTable('borrower_snapshots').onDelete('CASCADE');
    t.integer('model_id').notNullable().references('id').inTable('credit_models').onDelete('RESTRICT');
    t.integer('borrower_id').notNullable().references('id').inTable('borrowers').onDelete('CASCADE');
    t.string('as_of', 10).notNullable();
    t.double('score').notNullable();
    t.string('grade', 10).notNullable();
    t.string('warning_level', 8).notNullable();
    t.integer('missing_count').notNullable();
    t.boolean('capped').notNullable();
    t.text('result').notNullable();
    t.text('early_warnings').notNullable();
    t.integer('job_id').nullable();
    t.integer('scored_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('scored_at', 32).notNullable();
    t.unique(['snapshot_id', 'model_id']);
    t.index(['model_id', 'borrower_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evaluations');
}
