import type { Knex } from 'knex';

/**
 * Credit model versions (issue 6): draft → approved (immutable: definition, settings and weights are never
 * updated again) → retired. Each version keeps its own copy of weights, scoring rules and settings as JSON.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('credit_models', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.text('description').notNullable();
    t.string('status', 16).notNullable();
    t.string('effective_from', 10).nullable();
    t.text('definition').notNullable();
    t.text('settings').notNullable();
    t.text('source').notNullable();
    t.integer('parent_id').nullable().references('id').inTable('credit_models').onDelete('SET NULL');
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.integer('approved_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('approved_by_label', 200).nullable();
    t.string('approved_at', 32).nullable();
    t.text('approval_rationale').nullable();
    t.integer('retired_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('retired_at', 32).nullable();
    t.text('retire_rationale').nullable();
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('credit_models');
}
