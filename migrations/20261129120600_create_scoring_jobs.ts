import type { Knex } from 'knex';

/**
 * Batch scoring jobs: the portfolio is scored in chunks, each chunk one transaction that also moves the job's
 * cursor, so the page can poll progress and any instance can run the next chunk.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scoring_jobs', (t) => {
    t.increments('id').primary();
    t.integer('model_id').notNullable().references('id').inTable('credit_models').onDelete('CASCADE');
    t.text('filter').notNullable();
    t.string('status', 16).notNullable();
    t.integer('total').notNullable();
    t.integer('done').notNullable().defaultTo(0);
    t.integer('failed').notNullable().defaultTo(0);
    t.text('cursor').nullable();
    t.text('errors').nullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.string('finished_at', 32).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scoring_jobs');
}
