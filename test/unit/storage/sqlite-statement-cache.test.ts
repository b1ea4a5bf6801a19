import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createDatabase } from '../../../src/storage/database.js';

// The SQLite client keeps prepared statements per connection (src/storage/database.ts). These check what knex
// relies on: results, lastID and changes, errors, schema changes, more statements than the cache holds, and a
// clean close.
describe('SQLite statement reuse', () => {
  let dir: string;
  let db: Knex;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cahp-stmt-'));
    db = createDatabase({ url: `sqlite:${join(dir, 'db.sqlite')}` });
    await db.schema.createTable('items', (t) => {
      t.increments('id');
      t.string('name').notNullable().unique();
      t.integer('n').notNullable().defaultTo(0);
    });
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same rows, inserted ids and changed-row counts when the same statement runs again', async () => {
    const ids: number[] = [];
    for (const name of ['a', 'b', 'c']) {
      const [inserted] = await db('items').insert({ name, n: 1 });
      ids.push(Number(inserted));
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(await db('items').where('n', '>=', 1).update({ n: 2 })).toBe(3);
    expect(await db('items').where({ name: 'zzz' }).update({ n: 3 })).toBe(0);
    expect(await db('items').where({ name: 'b' }).first('id', 'n')).toEqual({ id: 2, n: 2 });
    expect(await db('items').where({ name: 'c' }).first('id', 'n')).toEqual({ id: 3, n: 2 });
    expect(await db('items').where({ name: 'b' }).delete()).toBe(1);
    expect(await db('items').where({ name: 'b' }).first()).toBeUndefined();
    const [returned] = await db('items').insert({ name: 'd', n: 4 }).returning(['id', 'name']);
    expect(returned).toEqual({ id: 4, name: 'd' });
  });

  it('reports a failing statement and keeps working: a syntax error, then a constraint violation, then the same insert again', async () => {
    await expect(db.raw('selec 1')).rejects.toThrow(/syntax error/);
    await expect(db.raw('selec 1')).rejects.toThrow(/syntax error/);
    await db('items').insert({ name: 'x' });
    await expect(db('items').insert({ name: 'x' })).rejects.toThrow(/UNIQUE constraint failed/);
    await db('items').where({ name: 'x' }).delete();
    await db('items').insert({ name: 'x' });
    expect(await db('items').count({ c: 'id' })).toEqual([{ c: 1 }]);
  });

  it('sees a schema change made after a statement was kept', async () => {
    await db('items').insert({ name: 'a' });
    expect(Object.keys((await db('items').select('*'))[0] as object)).toEqual(['id', 'name', 'n']);
    await db.schema.alterTable('items', (t) => t.string('note'));
    expect(Object.keys((await db('items').select('*'))[0] as object)).toEqual(['id', 'name', 'n', 'note']);
  });

  it('runs more distinct statements than it keeps, inside and outside transactions, and commits and rolls back', async () => {
    for (let k = 0; k < 600; k++) await db.raw(`select ${k} as k`);
    await db.transaction(async (trx) => {
      for (let k = 0; k < 300; k++) await trx('items').insert({ name: `t${k}`, n: k });
      expect(await trx('items').count({ c: 'id' })).toEqual([{ c: 300 }]);
    });
    await expect(
      db.transaction(async (trx) => {
        await trx('items').insert({ name: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db('items').count({ c: 'id' })).toEqual([{ c: 300 }]);
    expect(await db('items').where({ name: 'rolled back' }).first()).toBeUndefined();
  });

  it('closes cleanly with statements kept, and the file reopens with everything committed', async () => {
    await db('items').insert([{ name: 'p' }, { name: 'q' }]);
    await db('items').where({ name: 'p' }).first();
    await db.destroy();
    db = createDatabase({ url: `sqlite:${join(dir, 'db.sqlite')}` });
    expect((await db('items').orderBy('id').select('name')).map((r: { name: string }) => r.name)).toEqual(['p', 'q']);
  });
});
