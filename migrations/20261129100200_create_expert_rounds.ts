import type { Knex } from 'knex';

/** Expert rounds of a study: settings, and status draft → open → closed. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('expert_rounds', (t) => {
    t.increments('id').primary();
    t.integer('study_id').notNullable().references('id').inTable('studies').onDelete('CASCADE');
    t.string('label', 120).notNullable();
    t.string('status', 10).notNullable().defaultTo('draft'); // draft | open | closed
    t.string('scale', 20).notNullable().defaultTo('saaty'); // 1–9 fundamental scale
    t.string('priority_method', 20).notNullable().defaultTo('eigenvector');
    t.string('ri_table', 20).notNullable().defaultTo('saaty');
    t.double('cr_threshold').notNullable().defaultTo(0.1);
    t.boolean('allow_no_opinion').notNullable().defaultTo(true);
    t.string('cr_policy', 10).notNullable().defaultTo('warn'); // warn | require
    t.string('deadline', 32).nullable();
    t.text('intro_en').notNullable().defaultTo('');
    t.text('intro_zh').notNullable().defaultTo('');
    t.string('opened_at', 32).nullable();
    t.string('closed_at', 32).nullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['study_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('expert_rounds');
}
