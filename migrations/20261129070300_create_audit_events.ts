import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.increments('id').primary();
    t.string('at', 32).notNullable();
    t.string('event', 60).notNullable(); // e.g. auth.sign-in, auth.sign-in-failed, user.disabled, token.created
    t.integer('actor_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('actor_label', 254).nullable(); // e-mail tried, CLI, system
    t.string('target_type', 40).nullable();
    t.string('target_id', 64).nullable();
    t.string('ip', 64).nullable();
    t.text('details').nullable(); // JSON, never secrets
    t.index(['at']);
    t.index(['event']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
}
