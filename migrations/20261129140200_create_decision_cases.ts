import type { Knex } from 'knex';

/**
 * The workflow state of each decision (issue 9 item 4), one row per credit_decisions row: 'pending' (a referral
 * waiting for a credit officer), 'awaiting-second' (an officer's decision that needs a second officer, kept as the
 * proposal_* columns) or 'closed' (final_decision set: by the policy itself, or by an officer). `revision` makes
 * every transition a conditional update, so two officers acting at once cannot both win. The later loan outcome
 * (defaulted / performing) is recorded here for monitoring. Each change is also appended to decision_actions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_cases', (t) => {
    t.integer('decision_id').primary().references('id').inTable('credit_decisions');
    t.string('status', 16).notNullable();
    t.string('final_decision', 8).nullable();
    t.double('final_limit').nullable();
    t.string('final_source', 8).nullable();
    t.string('override_kind', 24).nullable();
    t.string('reason_code', 60).nullable();
    t.integer('officer_id').nullable().references('id').inTable('users');
    t.string('officer_label', 200).nullable();
    t.integer('second_officer_id').nullable().references('id').inTable('users');
    t.string('second_officer_label', 200).nullable();
    t.string('closed_at', 32).nullable();
    t.string('proposal_decision', 8).nullable();
    t.double('proposal_limit').nullable();
    t.string('proposal_kind', 24).nullable();
    t.string('proposal_reason_code', 60).nullable();
    t.integer('proposal_by').nullable().references('id').inTable('users');
    t.string('proposal_by_label', 200).nullable();
    t.string('proposal_at', 32).nullable();
    t.string('outcome', 12).nullable();
    t.string('outcome_at', 32).nullable();
    t.integer('revision').notNullable().defaultTo(0);
    t.string('updated_at', 32).notNullable();
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decision_cases');
}
