import type { Knex } from 'knex';

/**
 * The units of a validation sample: a borrower snapshot, its stratum and its design weight N_cell / n_cell
 * (Horvitz–Thompson), plus the default indicator the design saw when the sample was drawn. A snapshot deleted
 * later leaves its member row with a null snapshot (the sample is kept and says how many units are gone).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('validation_sample_members', (t) => {
    t.increments('id').primary();
    t.integer('sample_id').notNullable().references('id').inTable('validation_samples').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.integer('snapshot_id').nullable().references('id').inTable('borrower_snapshots').onDelete('SET NULL');
    t.string('stratum', 400).notNullable();
    t.double('design_weight').notNullable();
    t.smallint('outcome_at_draw').nullable();
    t.unique(['sample_id', 'position']);
    t.index(['snapshot_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('validation_sample_members');
}
