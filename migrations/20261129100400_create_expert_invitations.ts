import type { Knex } from 'knex';

/** Personal expert links: only the SHA-256 of the 256-bit token is stored. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('expert_invitations', (t) => {
    t.increments('id').primary();
    t.integer('round_id').notNullable().references('id').inTable('expert_rounds').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('email', 254).nullable();
    t.string('organisation', 200).nullable();
    t.double('weight').notNullable().defaultTo(1);
    t.string('status', 12).notNullable().defaultTo('invited'); // invited | started | submitted
    t.string('revoked_at', 32).nullable();
    t.string('expires_at', 32).nullable();
    t.integer('current_node_id').nullable();
    t.string('token_issued_at', 32).notNullable();
    t.string('started_at', 32).nullable();
    t.string('submitted_at', 32).nullable();
    t.string('last_activity_at', 32).nullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.index(['round_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('expert_invitations');
}
