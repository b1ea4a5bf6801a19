import type { Knex } from 'knex';

/**
 * Validation runs (issue 7 points 2–4): a sample re-evaluated under two or more model versions with an outcome
 * definition, a cut-off grade, a cost ratio and a PD master scale; the computed results (every metric, the
 * curves and the tables of the report) and the per-unit scores are stored as JSON so a report never changes
 * after it was computed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('validation_runs', (t) => {
    t.increments('id').primary();
    t.integer('sample_id').notNullable().references('id').inTable('validation_samples').onDelete('RESTRICT');
    t.string('name', 200).notNullable();
    t.text('version_ids').notNullable();
    t.integer('reference_version_id').notNullable();
    t.text('versions').notNullable();
    t.text('outcome_definition').notNullable();
    t.string('cutoff_grade', 20).notNullable();
    t.double('cost_ratio').notNullable();
    t.text('pd_scale').notNullable();
    t.text('reference_period').nullable();
    t.integer('units_used').notNullable();
    t.integer('bads').notNullable();
    t.text('results').notNullable();
    t.text('units').notNullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.index(['sample_id']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('validation_runs');
}
