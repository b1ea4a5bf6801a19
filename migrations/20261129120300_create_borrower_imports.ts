import type { Knex } from 'knex';

/**
 * Borrower imports: the uploaded file is staged here (between upload, column mapping, dry run and import — no
 * process memory is used, so any instance can continue), then cleared once the import is accepted or rejected.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('borrower_imports', (t) => {
    t.increments('id').primary();
    t.string('file_name', 255).notNullable();
    t.string('format', 8).notNullable();
    t.string('status', 16).notNullable();
    t.binary('content').nullable();
    t.text('headers').notNullable();
    t.text('mapping').nullable();
    t.text('options').nullable();
    t.integer('rows_total').notNullable().defaultTo(0);
    t.integer('rows_imported').notNullable().defaultTo(0);
    t.integer('error_count').notNullable().defaultTo(0);
    t.integer('warning_count').notNullable().defaultTo(0);
    t.text('report').nullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('borrower_imports');
}
