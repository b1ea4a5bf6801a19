import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_FIELDS } from '../../src/features/borrowers/snapshot-fields.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

/*
 * Borrower snapshots (issue 6 item 4): CSV/XLSX upload → column mapping → dry run → import, with a per-row report;
 * a file with any error changes nothing; an accepted import is one transaction; manual entry and editing with the
 * same validation; zero denominators give missing values. Read-only roles cannot write.
 */

let t: TestApp;
let writer: SignedInAgent;
let manager: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  writer = await t.signedIn('researcher');
  manager = await t.signedIn('manager');
});
afterAll(async () => t.close());

const counts = async () => ({
  borrowers: Number((await t.db('borrowers').count({ n: '*' }).first())?.n),
  snapshots: Number((await t.db('borrower_snapshots').count({ n: '*' }).first())?.n),
});

async function upload(a: SignedInAgent, content: string | Buffer, filename: string): Promise<number> {
  const res = await a.agent.post('/borrowers/import').field('_csrf', a.csrf).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename });
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  return Number(/\/borrowers\/import\/(\d+)$/.exec(res.headers.location as string)?.[1]);
}

/** Posts the mapping form: the guessed mapping from the page unless `mapping` overrides fields (key → column). */
async function run(a: SignedInAgent, id: number, action: 'dry-run' | 'import', options: { portfolio?: string; mapping?: Record<string, number>; defaultAsOf?: string } = {}) {
  const page = await a.agent.get(`/borrowers/import/${id}`);
  expect(page.status).toBe(200);
  const body: Record<string, string> = { _csrf: a.csrf, action, portfolio: options.portfolio ?? 'Test portfolio', defaultAsOf: options.defaultAsOf ?? '' };
  for (const f of SNAPSHOT_FIELDS) {
    const select = new RegExp(`<select[^>]*name="map\\.${f.key}"[^>]*>([\\s\\S]*?)</select>`).exec(page.text);
    const chosen = select ? /<option value="(-?\d+)"[^>]*selected/.exec(select[1] as string)?.[1] : undefined;
    body[`map.${f.key}`] = String(options.mapping?.[f.key] ?? chosen ?? -1);
  }
  return a.agent.post(`/borrowers/import/${id}`).type('form').send(body);
}
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

const HEADER = 'borrower,name,asOf,industry,sizeBand,loanBalance,classification,daysPastDue,I21,I22,I53,I62';
const GOOD = [
  HEADER,
  'G-1,Good one,2026-09-30,C,small,1200000,normal,0,55,1.4,A,permitted',
  'G-2,"Good, two",2026-09-30,F,micro,300000,special mention,12,72.5,0.9,B,encouraged',
  'G-3,Good three,2026/9/30,E,medium,"2,500,000",substandard,95,80,0.7,C,restricted',
].join('\n');

describe('import with bad rows: nothing is imported, every problem is reported by row', () => {
  it('a dry run and an import of a file with errors both change nothing and list each error', async () => {
    const csv = [
      HEADER,
      'B-1,Fine,2026-09-30,C,small,1000,normal,0,55,1.2,A,permitted',
      'B-2,Bad date,2026-13-01,C,small,1000,normal,0,55,1.2,A,permitted',
      'B-3,Bad code,2026-09-30,C,small,1000,normal,0,55,1.2,Z,permitted',
      'B-4,Bad size and balance,2026-09-30,C,huge,-5,normal,0,abc,1.2,A,permitted',
      'B-1,Duplicate,2026-09-30,C,small,1000,normal,0,55,1.2,A,permitted',
      ',No reference,2026-09-30,C,small,1000,normal,0,55,1.2,A,permitted',
    ].join('\n');
    const id = await upload(writer, csv, 'bad.csv');
    const before = await counts();
    for (const action of ['dry-run', 'import'] as const) {
      const res = await run(writer, id, action);
      expect(res.status).toBe(400);
      const text = plain(res.text);
      expect(text).toMatch(action === 'import' ? /Nothing was imported: 7 errors in 5 rows\./ : /Dry run: 7 errors in 5 rows\. Nothing was changed\./);
      expect(text).toMatch(/3 error As-of date .?2026-13-01.? is not a date/);
      expect(text).toMatch(/4 error I53 tax credit grade .?Z.? is not a code of this indicator \(A, B, M, C, D\)/);
      expect(text).toMatch(/5 error Size band .?huge.? is not a size band/);
      expect(text).toMatch(/5 error Loan balance Must be at least 0/);
      expect(text).toMatch(/5 error I21 debt-to-asset .?abc.? is not a number/);
      expect(text).toMatch(/6 error As-of date .*B-1.*appears twice in the file/i);
      expect(text).toMatch(/7 error Borrower reference/);
      expect(await counts()).toEqual(before);
    }
    expect((await t.db('borrower_imports').where({ id }).first()).status).toBe('staged');
  });

  it('a row clashing with a snapshot already stored rejects the whole file (the good rows too)', async () => {
    const first = await upload(writer, GOOD, 'good.csv');
    expect((await run(writer, first, 'import')).status).toBe(200);
    const before = await counts();
    const again = await upload(writer, [HEADER, 'N-1,New firm,2026-09-30,C,small,1000,normal,0,50,1.1,A,permitted', 'G-2,Clash,2026-09-30,F,micro,300000,normal,0,70,1,B,permitted'].join('\n'), 'clash.csv');
    const res = await run(writer, again, 'import');
    expect(res.status).toBe(400);
    expect(plain(res.text)).toContain('3 error As-of date Borrower G-2 already has a snapshot as of 2026-09-30.');
    expect(await counts()).toEqual(before);
    expect(await t.db('borrowers').where({ ref: 'N-1' }).first()).toBeUndefined();
  });
});

describe('accepted imports', () => {
  it('a dry run changes nothing; the import stores every row with the mapped values', async () => {
    const csv = GOOD.replace(/G-/g, 'A-');
    const id = await upload(writer, csv, 'accepted.csv');
    // The mapping step shows each column with a sample value and the guessed field selected.
    const mappingPage = await writer.agent.get(`/borrowers/import/${id}`);
    expect(mappingPage.text).toMatch(/<select id="map-asOf" name="map.asOf">[\s\S]*?<option value="2" selected>3: asOf — e\.g\. 2026-09-30<\/option>/);
    expect(mappingPage.text).toContain('2: name — e.g. Good one');
    const before = await counts();
    const dry = await run(writer, id, 'dry-run', { portfolio: 'Accepted' });
    expect(dry.status).toBe(200);
    expect(plain(dry.text)).toMatch(/Dry run/);
    expect(await counts()).toEqual(before);
    const res = await run(writer, id, 'import', { portfolio: 'Accepted' });
    expect(res.status).toBe(200);
    expect(await counts()).toEqual({ borrowers: before.borrowers + 3, snapshots: before.snapshots + 3 });
    const rows = await t.services.borrowers.listSnapshots({ portfolio: 'Accepted' });
    expect(rows.map((s) => [s.borrowerRef, s.borrowerName, s.asOf, s.industry, s.sizeBand, s.loanBalance, s.classification, s.daysPastDue])).toEqual([
      ['A-1', 'Good one', '2026-09-30', 'C', 'small', 1_200_000, 'normal', 0],
      ['A-2', 'Good, two', '2026-09-30', 'F', 'micro', 300_000, 'special-mention', 12],
      ['A-3', 'Good three', '2026-09-30', 'E', 'medium', 2_500_000, 'substandard', 95],
    ]);
    expect(rows[1]?.indicators).toEqual({ I21: 72.5, I22: 0.9, I53: 'B', I62: 'encouraged' });
    expect((await t.db('borrower_imports').where({ id }).first()).status).toBe('imported');
    // A staged file imports once.
    expect((await run(writer, id, 'import', { portfolio: 'Accepted' })).status).toBe(409);
    expect(await counts()).toEqual({ borrowers: before.borrowers + 3, snapshots: before.snapshots + 3 });
  });

  it('is all or nothing: a stream that fails after the first inserted batch leaves no row behind', async () => {
    const before = await counts();
    async function* lines() {
      yield `${HEADER}\n`;
      for (let i = 0; i < 4500; i++) yield `T-${i},Firm ${i},2026-09-30,C,small,1000,normal,0,50,1.2,A,permitted\n`;
      throw new Error('connection to the file server lost');
    }
    await expect(t.services.borrowers.importFromStream({ id: 0, role: 'admin' }, { stream: Readable.from(lines()), format: 'csv', mapping: 'guess', options: { portfolio: 'Broken stream' } }))
      .rejects.toThrow('connection to the file server lost');
    expect(await counts()).toEqual(before);
    // The same rows without the failure import completely (more than two insert batches of 2,000).
    async function* ok() {
      yield `${HEADER}\n`;
      for (let i = 0; i < 4500; i++) yield `T-${i},Firm ${i},2026-09-30,C,small,1000,normal,0,50,1.2,A,permitted\n`;
    }
    const report = await t.services.borrowers.importFromStream({ id: 0, role: 'admin' }, { stream: Readable.from(ok()), format: 'csv', mapping: 'guess', options: { portfolio: 'Whole stream' } });
    expect(report).toMatchObject({ status: 'imported', imported: 4500, newBorrowers: 4500 });
    expect(await counts()).toEqual({ borrowers: before.borrowers + 4500, snapshots: before.snapshots + 4500 });
  });

  it('a later file for the same borrowers adds snapshots: a given name renames a borrower, its portfolio stays, new references become borrowers', async () => {
    const admin = { id: 0, role: 'admin' as const };
    const file = (rows: string[]) => Readable.from([`${HEADER}\n${rows.join('\n')}\n`]);
    const first = await t.services.borrowers.importFromStream(admin, { stream: file(['L-1,One,2026-09-30,C,small,1000,normal,0,50,1.2,A,permitted', 'L-2,Two,2026-09-30,C,small,1000,normal,0,50,1.2,A,permitted']), format: 'csv', mapping: 'guess', options: { portfolio: 'Monthly' } });
    expect(first).toMatchObject({ status: 'imported', imported: 2, newBorrowers: 2 });
    const later = await t.services.borrowers.importFromStream(admin, { stream: file([
      'L-1,One renamed,2026-12-31,C,small,900,normal,0,52,1.1,A,permitted',
      'L-2,,2026-12-31,C,small,900,normal,0,52,1.1,A,permitted',
      'L-3,Three,2026-12-31,F,micro,500,normal,0,60,1.0,B,permitted',
    ]), format: 'csv', mapping: 'guess', options: { portfolio: 'Later file' } });
    expect(later).toMatchObject({ status: 'imported', imported: 3, newBorrowers: 1 });
    const borrowers = await t.db('borrowers').whereIn('ref', ['L-1', 'L-2', 'L-3']).orderBy('ref').select('ref', 'name', 'portfolio');
    expect(borrowers).toEqual([
      { ref: 'L-1', name: 'One renamed', portfolio: 'Monthly' },
      { ref: 'L-2', name: 'Two', portfolio: 'Monthly' },
      { ref: 'L-3', name: 'Three', portfolio: 'Later file' },
    ]);
    const r1 = await t.services.borrowers.listSnapshots({ portfolio: 'Monthly' });
    expect(r1.map((s) => [s.borrowerRef, s.asOf, s.borrowerName])).toEqual([
      ['L-1', '2026-09-30', 'One renamed'], ['L-1', '2026-12-31', 'One renamed'], ['L-2', '2026-09-30', 'Two'], ['L-2', '2026-12-31', 'Two'],
    ]);
    // The same date again is refused: the whole file, the new reference in it too.
    const again = await t.services.borrowers.importFromStream(admin, { stream: file(['L-4,Four,2026-12-31,C,small,1,normal,0,50,1,A,permitted', 'L-1,One again,2026-12-31,C,small,1,normal,0,50,1,A,permitted']), format: 'csv', mapping: 'guess', options: { portfolio: 'Monthly' } });
    expect(again).toMatchObject({ status: 'rejected', imported: 0 });
    expect(again.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.key])).toEqual([[3, 'borrowers.issue.existsAlready']]);
    expect(await t.db('borrowers').where({ ref: 'L-4' }).first()).toBeUndefined();
    expect((await t.db('borrowers').where({ ref: 'L-1' }).first()).name).toBe('One renamed');
  });

  it('a staged file larger than the preview shows samples from its first rows and imports every row', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `P-${i},Preview firm ${i} ${'x'.repeat(100)},2026-09-30,C,small,1000,normal,0,50,1.2,A,permitted`);
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(300 * 1024);
    const id = await upload(writer, csv, 'large.csv');
    const page = await writer.agent.get(`/borrowers/import/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('2: name — e.g. Preview firm 0 xxxx');
    const res = await run(writer, id, 'import', { portfolio: 'Large preview' });
    expect(res.status).toBe(200);
    expect(await t.services.borrowers.countSnapshots({ portfolio: 'Large preview' })).toBe(3000);
  });

  it('semicolon-separated files keep commas inside cells; a BOM is ignored', async () => {
    const csv = '\ufeffborrower;name;asOf;I21;I22;loanBalance\nS-1;Firma, s.a.;2026-09-30;61;1.25;1,234,567\n';
    const id = await upload(writer, csv, 'semicolons.csv');
    const res = await run(writer, id, 'import', { portfolio: 'Semicolons' });
    expect(res.status, plain(res.text).slice(0, 600)).toBe(200);
    const [s] = await t.services.borrowers.listSnapshots({ portfolio: 'Semicolons' });
    expect([s?.borrowerRef, s?.borrowerName, s?.loanBalance, s?.indicators]).toEqual(['S-1', 'Firma, s.a.', 1_234_567, { I21: 61, I22: 1.25 }]);
  });

  it('maps XLSX columns with other names by hand; the as-of date can come from the options', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kredite');
    ws.addRow(['Kunde', 'Firma', 'Verschuldung %', 'Steuerklasse', 'Bilanzsumme', 'Verbindlichkeiten']);
    ws.addRow(['X-1', 'Alpha GmbH', 48, 'M', null, null]);
    ws.addRow(['X-2', 'Beta GmbH', null, 'a', 2_000_000, 1_300_000]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const id = await upload(writer, buffer, 'kredite.xlsx');
    const mapping = { borrower: 0, name: 1, I21: 2, I53: 3, totalAssets: 4, totalLiabilities: 5 };
    const missingDate = await run(writer, id, 'dry-run', { portfolio: 'XLSX', mapping });
    expect(missingDate.status).toBe(400);
    expect(plain(missingDate.text)).toContain('As-of date');
    const res = await run(writer, id, 'import', { portfolio: 'XLSX', mapping, defaultAsOf: '2026-06-30' });
    expect(res.status, plain(res.text).slice(0, 600)).toBe(200);
    const rows = await t.services.borrowers.listSnapshots({ portfolio: 'XLSX' });
    expect(rows.map((s) => [s.borrowerRef, s.asOf, s.indicators])).toEqual([
      ['X-1', '2026-06-30', { I21: 48, I53: 'M' }],
      // I21 derived from the statement: 1.3 M / 2 M = 65 %; the label "a" matches the code A.
      ['X-2', '2026-06-30', { I21: 65, I53: 'A' }],
    ]);
  });

  it('ratios with a zero denominator are missing (never Infinity or NaN), with a warning in the report', async () => {
    const csv = [
      'borrower,asOf,I53,totalAssets,totalLiabilities,currentAssets,currentLiabilities,inventory,revenue,receivables,netProfit',
      'Z-1,2026-09-30,A,0,500,300,0,50,0,40,10',
      'Z-2,2026-09-30,A,1000,500,300,-10,50,800,40,10',
    ].join('\n');
    const id = await upload(writer, csv, 'zeros.csv');
    const res = await run(writer, id, 'import', { portfolio: 'Zeros' });
    expect(res.status, plain(res.text).slice(0, 800)).toBe(200);
    const text = plain(res.text);
    expect(text).toContain('I21 left missing: total assets is zero');
    expect(text).toContain('I22 left missing: current liabilities is zero');
    expect(text).toContain('I22 left missing: current liabilities is negative');
    const [z1, z2] = await t.services.borrowers.listSnapshots({ portfolio: 'Zeros' });
    for (const id of ['I21', 'I22', 'I23', 'I31', 'I32', 'I41', 'I44']) expect(z1?.indicators[id], id).toBeUndefined();
    expect(z1?.indicators).toEqual({ I53: 'A' });
    expect(z2?.indicators).toEqual({ I53: 'A', I21: 50, I31: 1, I32: 1.25, I41: 18.25, I44: 0.8 });
    expect(z2?.indicators.I22).toBeUndefined();
    // Stored JSON has no non-finite numbers.
    const stored = await t.db('borrower_snapshots').whereIn('id', [z1!.id, z2!.id]).select('indicators');
    for (const r of stored) expect(String(r.indicators)).not.toMatch(/Infinity|NaN|null/);
  });
});

describe('manual entry and editing (same validation)', () => {
  const entry = (over: Record<string, string> = {}) => ({
    portfolio: 'Manual', borrower: 'M-1', name: 'Manual firm', asOf: '2026-09-30', industry: 'C', sizeBand: 'small',
    loanBalance: '500000', classification: 'normal', daysPastDue: '0', I21: '58', I22: '1.3', I53: 'A', ...over,
  });

  it('refuses invalid values with messages by field, storing nothing', async () => {
    const before = await counts();
    const res = await writer.agent.post('/borrowers').type('form').send({ _csrf: writer.csrf, ...entry({ asOf: '2026-02-30', I53: 'Q', daysPastDue: '1.5', loanBalance: '-1' }) });
    expect(res.status).toBe(400);
    const text = plain(res.text);
    expect(text).toMatch(/As-of date \* .?2026-02-30.? is not a date \(YYYY-MM-DD\)\./);
    expect(text).toMatch(/I53 tax credit grade .* .?Q.? is not a code of this indicator \(A, B, M, C, D\)\. I54/);
    expect(text).toMatch(/Days past due .?1\.5.? is not a whole number\./);
    expect(text).toContain('Loan balance Must be at least 0.');
    expect(res.text).toContain('value="Manual firm"');
    const noValues = await writer.agent.post('/borrowers').type('form').send({ _csrf: writer.csrf, ...entry({ I21: '', I22: '', I53: '' }) });
    expect(noValues.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('stores a valid entry; an edit with an invalid value changes nothing; a valid edit replaces the values', async () => {
    const res = await writer.agent.post('/borrowers').type('form').send({ _csrf: writer.csrf, ...entry() });
    expect(res.status).toBe(303);
    const [s] = await t.services.borrowers.listSnapshots({ portfolio: 'Manual' });
    expect(s?.indicators).toEqual({ I21: 58, I22: 1.3, I53: 'A' });
    const duplicate = await writer.agent.post('/borrowers').type('form').send({ _csrf: writer.csrf, ...entry() });
    expect(duplicate.status).toBe(400);
    const row = async () => t.db('borrower_snapshots').where({ id: s!.id }).first();
    const before = await row();
    const bad = await writer.agent.post(`/borrowers/snapshots/${s!.id}`).type('form').send({ _csrf: writer.csrf, ...entry({ I22: 'many' }) });
    expect(bad.status).toBe(400);
    expect(await row()).toEqual(before);
    const ok = await writer.agent.post(`/borrowers/snapshots/${s!.id}`).type('form').send({ _csrf: writer.csrf, ...entry({ I22: '1.6', I53: 'B' }) });
    expect(ok.status).toBe(303);
    expect((await t.services.borrowers.getSnapshot(s!.id)).indicators).toEqual({ I21: 58, I22: 1.6, I53: 'B' });
  });
});

describe('read-only roles', () => {
  it('a manager cannot upload, import, enter or edit borrower data (403) and nothing is stored', async () => {
    const before = await counts();
    expect((await manager.agent.get('/borrowers/import')).status).toBe(403);
    expect((await manager.agent.get('/borrowers/new')).status).toBe(403);
    const up = await manager.agent.post('/borrowers/import').field('_csrf', manager.csrf).attach('file', Buffer.from(GOOD), { filename: 'm.csv' });
    expect(up.status).toBe(403);
    const id = await upload(writer, GOOD.replace(/G-/g, 'R-'), 'staged.csv');
    expect((await run(writer, id, 'dry-run')).status).toBe(200);
    const body = { _csrf: manager.csrf, action: 'import', portfolio: 'x', 'map.borrower': '0', 'map.asOf': '2' };
    expect((await manager.agent.post(`/borrowers/import/${id}`).type('form').send(body)).status).toBe(403);
    expect((await manager.agent.post('/borrowers').type('form').send({ _csrf: manager.csrf, borrower: 'M-9', asOf: '2026-09-30', I21: '50', portfolio: 'x' })).status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await manager.agent.get('/borrowers')).status).toBe(200);
  });
});
