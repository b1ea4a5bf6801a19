import type { Knex } from 'knex';

/** Borrowers: a stable reference and name; everything that changes over time lives in snapshots. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('borrowers', (t) => {
    t.increments('id').primary();
    t.string('ref', 100).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('portfolio', 200).notNullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.boolean('is_synthetic').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['portfolio']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('borrowers');
}
