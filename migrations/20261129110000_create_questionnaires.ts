import type { Knex } from 'knex';

/**
 * Staff questionnaires (issue 5). Distribution settings live on the questionnaire: status (draft → open → closed),
 * an optional deadline and overall response limit, the anonymous shared link (only its SHA-256 is stored, with its
 * own optional limit and expiry) and whether personal-link responses are kept anonymous. Counters are updated with
 * conditional UPDATEs so that limits hold under concurrent submissions on both engines.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaires', (t) => {
    t.increments('id').primary();
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('owner_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.string('status', 16).notNullable().defaultTo('draft');
    t.boolean('anonymous').notNullable().defaultTo(true);
    t.string('deadline', 32).nullable();
    t.integer('response_limit').nullable();
    t.integer('response_count').notNullable().defaultTo(0);
    t.string('shared_token_hash', 64).nullable().unique();
    t.integer('shared_limit').nullable();
    t.integer('shared_count').notNullable().defaultTo(0);
    t.string('shared_expires_at', 32).nullable();
    t.integer('current_version').notNullable().defaultTo(1);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['owner_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questionnaires');
}
