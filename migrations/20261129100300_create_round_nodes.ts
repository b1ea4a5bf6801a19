import type { Knex } from 'knex';

/**
 * The copy of a study's hierarchy a round freezes when it opens; judgments and weight sets refer to these rows,
 * so later edits of the study's hierarchy never change what experts answered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('round_nodes', (t) => {
    t.increments('id').primary();
    t.integer('round_id').notNullable().references('id').inTable('expert_rounds').onDelete('CASCADE');
    t.integer('parent_id').nullable().references('id').inTable('round_nodes').onDelete('CASCADE');
    t.integer('source_node_id').nullable(); // hierarchy_nodes.id at freezing time (may since be deleted)
    t.string('code', 40).notNullable();
    t.string('name_en', 200).notNullable().defaultTo('');
    t.string('name_zh', 200).notNullable().defaultTo('');
    t.text('description_en').notNullable().defaultTo('');
    t.text('description_zh').notNullable().defaultTo('');
    t.integer('position').notNullable().defaultTo(0);
    t.integer('depth').notNullable().defaultTo(0);
    t.index(['round_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('round_nodes');
}
