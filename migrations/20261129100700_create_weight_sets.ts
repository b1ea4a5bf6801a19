import type { Knex } from 'knex';

/** Immutable, reproducible snapshots of an aggregation: inputs, settings and results as JSON. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('weight_sets', (t) => {
    t.increments('id').primary();
    t.integer('round_id').notNullable().references('id').inTable('expert_rounds').onDelete('RESTRICT');
    t.string('label', 200).notNullable();
    t.text('settings').notNullable();
    t.text('experts').notNullable();
    t.text('hierarchy').notNullable();
    t.text('inputs').notNullable();
    t.text('results').notNullable();
    t.integer('seed').notNullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.index(['round_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('weight_sets');
}
