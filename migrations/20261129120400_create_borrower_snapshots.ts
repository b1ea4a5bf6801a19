import type { Knex } from 'knex';

/**
 * Borrower snapshots: what was known about a borrower as of a date (industry, size band, region, raw indicator
 * values, the statement items they came from, loan balance, five-category classification, days past due, flags
 * and early-warning facts) and, where known, the observed outcome (1 = defaulted/bankrupt, 0 = not).
 * A null classification means "unknown" (never invented).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('borrower_snapshots', (t) => {
    t.increments('id').primary();
    t.integer('borrower_id').notNullable().references('id').inTable('borrowers').onDelete('RESTRICT');
    t.string('as_of', 10).notNullable();
    t.string('industry', 40).nullable();
    t.string('size_band', 20).nullable();
    t.string('region', 100).nullable();
    t.text('indicators').notNullable();
    t.text('statement').nullable();
    t.double('loan_balance').nullable();
    t.string('classification', 20).nullable();
    t.integer('days_past_due').nullable();
    t.smallint('outcome').nullable();
    t.text('extra').notNullable();
    t.integer('import_id').nullable().references('id').inTable('borrower_imports').onDelete('SET NULL');
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.unique(['borrower_id', 'as_of']);
    t.index(['as_of']);
    t.index(['import_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('borrower_snapshots');
}
