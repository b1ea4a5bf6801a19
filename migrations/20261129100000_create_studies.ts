import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('studies', (t) => {
    t.increments('id').primary();
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.string('locale', 10).notNullable().defaultTo('en');
    t.integer('owner_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['owner_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('studies');
}
