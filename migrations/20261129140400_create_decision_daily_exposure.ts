import type { Knex } from 'knex';

/**
 * Amounts approved through the decision service per day and industry ('' = unknown), kept up to date in the
 * transaction that closes a case with an approval. The portfolio position a decision reads is the borrower book
 * (latest snapshot balances) plus the approvals dated after the book's date: a sum over a few days × industries
 * instead of over every decision ever made.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_daily_exposure', (t) => {
    t.string('day', 10).notNullable();
    t.string('industry', 40).notNullable();
    t.double('approved_amount').notNullable();
    t.integer('approved_count').notNullable();
    t.primary(['day', 'industry']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decision_daily_exposure');
}
