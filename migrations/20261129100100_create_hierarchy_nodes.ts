import type { Knex } from 'knex';

/** The editable criteria hierarchy of a study: one goal (parent_id null), criteria, sub-criteria, indicators. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hierarchy_nodes', (t) => {
    t.increments('id').primary();
    t.integer('study_id').notNullable().references('id').inTable('studies').onDelete('CASCADE');
    t.integer('parent_id').nullable().references('id').inTable('hierarchy_nodes').onDelete('CASCADE');
    // Short stable code (e.g. C1, I21) that credit models use to map indicators; unique within the study.
    t.string('code', 40).notNullable();
    t.string('name_en', 200).notNullable().defaultTo('');
    t.string('name_zh', 200).notNullable().defaultTo('');
    t.text('description_en').notNullable().defaultTo('');
    t.text('description_zh').notNullable().defaultTo('');
    t.integer('position').notNullable().defaultTo(0);
    t.unique(['study_id', 'code']);
    t.index(['study_id', 'parent_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('hierarchy_nodes');
}
