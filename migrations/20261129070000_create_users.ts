import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('email', 254).notNullable().unique();
    t.string('name', 200).notNullable().defaultTo('');
    t.string('role', 20).notNullable(); // admin | researcher | manager (+ later roles)
    t.string('status', 20).notNullable().defaultTo('active'); // invited | active | disabled
    t.string('password_hash', 255).nullable();
    t.string('locale', 10).nullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.string('last_login_at', 32).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
