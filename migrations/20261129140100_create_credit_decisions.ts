import type { Knex } from 'knex';

/**
 * Credit applications with their policy decision (issue 9 item 2): one row per requestId (unique, so a replay or a
 * concurrent duplicate finds the stored row), with the full request as received (JSON), the hash that tells a
 * replay from a different body, the model and policy versions used, the evaluation, the reasons, the limit and the
 * context the policy read (history, exposure, portfolio). Rows are immutable: a trigger refuses UPDATE and DELETE on
 * both engines; what happens to a case afterwards lives in decision_cases and decision_actions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('credit_decisions', (t) => {
    t.increments('id').primary();
    t.string('request_id', 100).notNullable().unique();
    t.string('request_hash', 64).notNullable();
    t.string('borrower_ref', 100).notNullable();
    t.string('borrower_name', 200).nullable();
    t.string('industry', 40).nullable();
    t.string('size_band', 20).notNullable();
    t.string('branch', 100).nullable();
    t.double('amount').notNullable();
    t.integer('term_months').notNullable();
    t.string('snapshot_as_of', 10).notNullable();
    t.string('decided_at', 32).notNullable();
    t.integer('model_version_id').notNullable().references('id').inTable('credit_models').onDelete('RESTRICT');
    t.integer('policy_version_id').notNullable().references('id').inTable('policy_versions').onDelete('RESTRICT');
    t.double('score').notNullable();
    t.string('grade', 10).notNullable();
    t.string('warning_level', 8).notNullable();
    t.double('completeness').notNullable();
    t.string('policy_decision', 8).notNullable();
    t.double('policy_limit').notNullable();
    t.text('reasons').notNullable();
    t.text('request').notNullable();
    t.text('evaluation').notNullable();
    t.text('context').notNullable();
    t.integer('submitted_by').nullable().references('id').inTable('users');
    t.string('submitted_by_label', 200).nullable();
    t.string('submitted_via', 8).notNullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.index(['borrower_ref', 'decided_at']);
    t.index(['decided_at']);
    t.index(['policy_decision']);
  });
  await forbidChanges(knex, 'credit_decisions');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('credit_decisions');
  if ((knex.client as { dialect?: string }).dialect !== 'sqlite3') await knex.raw('drop function if exists credit_decisions_immutable()');
}

/** BEFORE UPDATE/DELETE triggers that abort: the rows of `table` can only be inserted. */
async function forbidChanges(knex: Knex, table: string): Promise<void> {
  if ((knex.client as { dialect?: string }).dialect === 'sqlite3') {
    await knex.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} rows are immutable'); end`);
    await knex.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} rows are immutable'); end`);
    return;
  }
  await knex.raw(`create function ${table}_immutable() returns trigger language plpgsql as $$ begin raise exception '${table} rows are immutable'; end $$`);
  await knex.raw(`create trigger ${table}_no_change before update or delete on ${table} for each row execute procedure ${table}_immutable()`);
}
