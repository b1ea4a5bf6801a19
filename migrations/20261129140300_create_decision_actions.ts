import type { Knex } from 'knex';

/**
 * The trail of every case (issue 9 item 6), append-only: submitted (with the policy's decision), decided (an
 * officer's final decision), proposed (a decision waiting for a second officer), confirmed / rejected (the second
 * officer), outcome (the later loan outcome). Who (user or a system label), when, the decision, limit, override
 * kind, reason code, the mandatory reason and a note. A trigger refuses UPDATE and DELETE on both engines.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_actions', (t) => {
    t.increments('id').primary();
    t.integer('decision_id').notNullable().references('id').inTable('credit_decisions');
    t.string('kind', 16).notNullable();
    t.string('decision', 8).nullable();
    t.double('approved_limit').nullable();
    t.string('override_kind', 24).nullable();
    t.string('reason_code', 60).nullable();
    t.text('reason').nullable();
    t.text('note').nullable();
    t.integer('actor_user_id').nullable().references('id').inTable('users');
    t.string('actor_label', 200).nullable();
    t.string('at', 32).notNullable();
    t.index(['decision_id']);
  });
  if ((knex.client as { dialect?: string }).dialect === 'sqlite3') {
    await knex.raw("create trigger decision_actions_no_update before update on decision_actions begin select raise(abort, 'decision_actions rows are immutable'); end");
    await knex.raw("create trigger decision_actions_no_delete before delete on decision_actions begin select raise(abort, 'decision_actions rows are immutable'); end");
  } else {
    await knex.raw("create function decision_actions_immutable() returns trigger language plpgsql as $$ begin raise exception 'decision_actions rows are immutable'; end $$");
    await knex.raw('create trigger decision_actions_no_change before update or delete on decision_actions for each row execute procedure decision_actions_immutable()');
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decision_actions');
  if ((knex.client as { dialect?: string }).dialect !== 'sqlite3') await knex.raw('drop function if exists decision_actions_immutable()');
}
