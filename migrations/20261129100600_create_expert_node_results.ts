import type { Knex } from 'knex';

/** What the server computed from an expert's judgments of one node at the last autosave (never from the client). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('expert_node_results', (t) => {
    t.integer('invitation_id').notNullable().references('id').inTable('expert_invitations').onDelete('CASCADE');
    t.integer('node_id').notNullable().references('id').inTable('round_nodes').onDelete('CASCADE');
    t.integer('pairs').notNullable(); // n(n−1)/2
    t.integer('answered').notNullable(); // rows stored, including "no opinion"
    t.integer('no_opinion').notNullable();
    t.boolean('connected').notNullable(); // the given judgments link all children
    t.double('cr').nullable();
    t.double('lambda_max').nullable();
    t.text('weights').nullable(); // JSON number[]
    t.text('inconsistencies').nullable(); // JSON, top 3
    t.string('ri_table', 20).notNullable();
    t.string('updated_at', 32).notNullable();
    t.primary(['invitation_id', 'node_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('expert_node_results');
}
