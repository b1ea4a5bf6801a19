import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArff } from '../../../../src/domain/credit/parse-arff.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Literal lines in the layout of the UCI Polish bankruptcy files (header LF, data CRLF, `?` missing), cut to
// three attributes plus the class; the first data line is the start of the first row of 5year.arff.
const sample = [
  "@relation '5year-weka.filters.unsupervised.instance.SubsetByExpression-Enot ismissing(ATT20)'",
  '',
  '@attribute Attr1 numeric',
  '@attribute Attr2 numeric',
  '@attribute Attr21 numeric',
  '@attribute class {0,1}',
  '',
  '@data',
].join('\n') + '\n' + ['0.088238,0.55472,1.1574,0', '-0.006202,0.48465,?,0', '% a comment line', '1.5e-2 , 0.9,0.8,1', ''].join('\r\n');

describe('parseArff (Weka ARFF format; UCI Polish bankruptcy layout)', () => {
  const d = parseArff(sample);

  it('reads the quoted relation name and the attribute types', () => {
    expect(d.relation).toBe('5year-weka.filters.unsupervised.instance.SubsetByExpression-Enot ismissing(ATT20)');
    expect(d.attributes).toEqual([
      { name: 'Attr1', type: { kind: 'numeric' } }, { name: 'Attr2', type: { kind: 'numeric' } },
      { name: 'Attr21', type: { kind: 'numeric' } }, { name: 'class', type: { kind: 'nominal', values: ['0', '1'] } }]);
  });

  it('reads CRLF rows, numbers, `?` as null, exponents and spaces; skips comments and blank lines', () => {
    expect(d.rows).toEqual([[0.088238, 0.55472, 1.1574, '0'], [-0.006202, 0.48465, null, '0'], [0.015, 0.9, 0.8, '1']]);
  });

  it('handles quoted values with commas and string/date types', () => {
    const t = parseArff("@RELATION r\n@ATTRIBUTE 'my name' string\n@attribute d date \"yyyy-MM-dd\"\n@attribute c {'a b',c}\n@DATA\n'x, y',2024-01-02,'a b'\n?,?,c\n");
    expect(t.attributes.map((a) => a.name)).toEqual(['my name', 'd', 'c']);
    expect(t.attributes[1].type).toEqual({ kind: 'date', format: 'yyyy-MM-dd' });
    expect(t.rows).toEqual([['x, y', '2024-01-02', 'a b'], [null, null, 'c']]);
  });

  it('rejects a row with the wrong number of values, a non-number and an unknown nominal value, with the line number', () => {
    const header = '@relation r\n@attribute a numeric\n@attribute c {0,1}\n@data\n';
    expect(() => parseArff(header + '1,0,5\n')).toThrow(/line 5: expected 2 values, found 3/);
    expect(() => parseArff(header + 'abc,0\n')).toThrow(/not a number/);
    expect(() => parseArff(header + '1,2\n')).toThrow(/not one of \{0,1\}/);
    expect(() => parseArff(header + ',1\n')).toThrow(DomainError); // empty numeric is not 0
    expect(() => parseArff(header + '{0 1}\n')).toThrow(/sparse/);
    expect(() => parseArff('@attribute a numeric\n@data\n1\n')).toThrow(/no @relation/);
  });

  // Oracle: the counts in the data set's README (UCI; 5,910 firms, 410 bankrupt, 4,666 missing cells in 2,879 rows).
  it('parses the real 5year.arff to the counts of its README', () => {
    const real = parseArff(readFileSync(fileURLToPath(new URL('../../../../src/storage/demo/data/polish-bankruptcy/5year.arff', import.meta.url)), 'utf8'));
    expect(real.attributes).toHaveLength(65);
    expect(real.rows).toHaveLength(5910);
    expect(real.rows.filter((r) => r[64] === '1')).toHaveLength(410);
    expect(real.rows.reduce((s, r) => s + r.filter((v) => v === null).length, 0)).toBe(4666);
    expect(real.rows.filter((r) => r.includes(null))).toHaveLength(2879);
  });
});
