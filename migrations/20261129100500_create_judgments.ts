import type { Knex } from 'knex';

/**
 * One expert's judgment on a pair (left, right) of children of a parent in the round's frozen hierarchy, left
 * before right in the parent's order. value = how many times as important left is as right (1/9 … 9); null =
 * "no opinion". One row per pair and invitation (autosave upserts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('judgments', (t) => {
    t.increments('id').primary();
    t.integer('invitation_id').notNullable().references('id').inTable('expert_invitations').onDelete('CASCADE');
    t.integer('parent_node_id').notNullable().references('id').inTable('round_nodes').onDelete('CASCADE');
    t.integer('left_node_id').notNullable().references('id').inTable('round_nodes').onDelete('CASCADE');
    t.integer('right_node_id').notNullable().references('id').inTable('round_nodes').onDelete('CASCADE');
    t.double('value').nullable();
    t.string('updated_at', 32).notNullable();
    t.unique(['invitation_id', 'parent_node_id', 'left_node_id', 'right_node_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('judgments');
}
