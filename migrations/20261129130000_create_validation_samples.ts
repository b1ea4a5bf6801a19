import type { Knex } from 'knex';

/**
 * Validation samples (issue 7 point 1): the population filter, the outcome definition used by the design
 * (oversampling of defaults, Neyman allocation), the complete sampling design with every default filled in, the
 * seed and the drawing algorithm's version — everything needed to draw the same units again — with a fingerprint
 * of the population the sample was drawn from, the strata table and the warnings of the draw.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('validation_samples', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.text('description').notNullable();
    t.text('population_filter').notNullable();
    t.text('outcome_definition').notNullable();
    t.text('design').notNullable();
    t.bigInteger('seed').notNullable();
    t.string('algorithm', 200).notNullable();
    t.integer('population_size').notNullable();
    t.integer('sample_size').notNullable();
    t.string('population_fingerprint', 64).notNullable();
    t.text('strata').notNullable();
    t.text('collapsed').notNullable();
    t.text('warnings').notNullable();
    t.text('exclusions').notNullable();
    t.text('calculator').nullable();
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('validation_samples');
}
