import type { Knex } from 'knex';

/**
 * Approval decision policy versions, each attached to one credit model version: draft → approved (immutable:
 * definition and effective date are never updated again) → retired. The definition (PolicyDefinition) is JSON.
 * `approval_dry_run` keeps the decision mix the approver saw (portfolio dry run) for the record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policy_versions', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.text('description').notNullable();
    t.integer('model_version_id').notNullable().references('id').inTable('credit_models').onDelete('RESTRICT');
    t.string('status', 16).notNullable();
    t.string('effective_from', 10).nullable();
    t.text('definition').notNullable();
    t.text('source').notNullable();
    t.integer('parent_id').nullable().references('id').inTable('policy_versions').onDelete('SET NULL');
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.integer('approved_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('approved_by_label', 200).nullable();
    t.string('approved_at', 32).nullable();
    t.text('approval_rationale').nullable();
    t.text('approval_dry_run').nullable();
    t.integer('retired_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('retired_at', 32).nullable();
    t.text('retire_rationale').nullable();
    t.index(['status']);
    t.index(['model_version_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('policy_versions');
}
