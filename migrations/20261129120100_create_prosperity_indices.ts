import type { Knex } from 'knex';

/** Industry prosperity index table (industry × period), importable; drives the bounded macro overlay. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('prosperity_indices', (t) => {
    t.increments('id').primary();
    t.string('industry', 40).notNullable();
    t.string('period_end', 10).notNullable();
    t.string('period_label', 20).notNullable();
    t.double('value').notNullable();
    t.string('source', 300).notNullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('imported_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('imported_at', 32).notNullable();
    t.unique(['industry', 'period_end']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('prosperity_indices');
}
