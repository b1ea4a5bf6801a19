import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { stratifiedSample } from '../../../../src/domain/validation/stratified-sample.js';
import {
  levelOrderFor, populationFingerprint, samplingColumns, selectPopulation, stratumLabels, type PopulationFilter, type PopulationSnapshot,
} from '../../../../src/features/validation/validation-population.js';

const all: PopulationFilter = { portfolio: null, asOfFrom: null, asOfTo: null, industry: null, latestPerBorrower: false };
const snap = (id: number, borrowerId: number, asOf: string, over: Partial<PopulationSnapshot> = {}): PopulationSnapshot => ({
  id, borrowerId, asOf, portfolio: 'P', industry: 'C', sizeBand: 'small', region: null, classification: 'normal', daysPastDue: 0, outcome: 0, extra: {}, ...over,
});

describe('selectPopulation', () => {
  const snapshots = [
    snap(5, 1, '2025-03-31', { outcome: 1 }), snap(2, 1, '2024-12-31'), snap(3, 2, '2025-03-31', { portfolio: 'Q' }),
    snap(4, 3, '2025-03-31', { industry: 'F', sizeBand: null }), snap(1, 4, '2025-03-31', { outcome: null }),
  ];

  it('filters by portfolio, dates and industry, leaves out units without an outcome (counted), orders by snapshot id', () => {
    const p = selectPopulation(snapshots, { ...all, portfolio: 'P' }, { kind: 'stored' });
    expect(p.units.map((u) => u.snapshotId)).toEqual([2, 4, 5]);
    expect(p.matched).toBe(4);
    expect(p.exclusions).toEqual({ 'no-outcome': 1 });
    expect(p.units.find((u) => u.snapshotId === 4)!.values).toEqual({ industry: 'F', sizeBand: 'unknown', classification: 'normal', region: 'unknown', grade: 'unscored' });
    expect(selectPopulation(snapshots, { ...all, asOfFrom: '2025-01-01', industry: 'C' }, { kind: 'stored' }).units.map((u) => u.snapshotId)).toEqual([3, 5]);
  });

  it('latest snapshot per borrower within the window; grades of the reference version when given', () => {
    const p = selectPopulation(snapshots, { ...all, latestPerBorrower: true, asOfTo: '2025-01-31' }, { kind: 'stored' });
    expect(p.units.map((u) => u.snapshotId)).toEqual([2]);
    const q = selectPopulation(snapshots, { ...all, latestPerBorrower: true }, { kind: 'stored' }, new Map([[5, 'BB']]));
    expect(q.units.map((u) => [u.snapshotId, u.values.grade])).toEqual([[3, 'unscored'], [4, 'unscored'], [5, 'BB']]);
  });
});

describe('levelOrderFor', () => {
  it('orders size bands, classifications and grades by meaning, unknown last; leaves codes to the sampler', () => {
    const units = ['medium', 'micro', 'unknown', 'large'].map((sizeBand, i) => ({ snapshotId: i, outcome: 0 as const, values: { industry: 'C', sizeBand, classification: i ? 'loss' : 'normal', region: 'unknown', grade: ['B', 'AAA', 'unscored', 'B'][i]! } }));
    expect(levelOrderFor(units, ['sizeBand', 'classification', 'grade', 'industry'], ['AAA', 'AA', 'B', 'D'])).toEqual({
      sizeBand: ['micro', 'medium', 'large', 'unknown'], classification: ['normal', 'loss'], grade: ['AAA', 'B', 'unscored'],
    });
  });
});

describe('stratumLabels', () => {
  // A synthetic portfolio with small strata, so some are collapsed.
  const rng = seededRandom(7);
  const units = Array.from({ length: 3000 }, (_, i) => {
    const c = rng.next() < 0.9 ? 'normal' : rng.next() < 0.8 ? 'special-mention' : 'substandard';
    return { snapshotId: i + 1, outcome: (rng.next() < (c === 'normal' ? 0.03 : 0.3) ? 1 : 0) as 0 | 1,
      values: { industry: ['C', 'F', 'K'][rng.nextInt(3)]!, sizeBand: ['micro', 'small', 'medium'][rng.nextInt(3)]!, classification: c, region: 'unknown', grade: 'unscored' } };
  });

  it('labels each unit with the stratum the stratified sampler formed (the drawn strata table\'s sizes match)', () => {
    const stratifyBy = ['industry', 'sizeBand', 'classification'] as const;
    const design = { method: 'stratified' as const, sampleSize: 300, stratifyBy: [...stratifyBy], levelOrder: levelOrderFor(units, [...stratifyBy], []),
      allocation: 'neyman' as const, neymanVariable: 'default-indicator' as const, minPerStratum: 15, smallStrata: 'collapse' as const, oversampleDefaults: { factor: 3 } };
    const drawn = stratifiedSample({ columns: samplingColumns(units, [...stratifyBy]), outcomes: units.map((u) => u.outcome) }, design, 11);
    expect(drawn.collapsed.length).toBeGreaterThan(0);
    const labels = stratumLabels(units, drawn.design);
    for (const s of drawn.strata) {
      expect(labels.filter((l) => l === s.key).length, s.key).toBe(s.populationSize);
      expect(drawn.indices.filter((i) => labels[i] === s.key).length, s.key).toBe(s.sampleSize);
    }
    expect(stratumLabels(units, { method: 'simple-random', sampleSize: 10 }).every((l) => l === 'all')).toBe(true);
  });
});

describe('populationFingerprint', () => {
  it('changes when an outcome or a stratification value changes, not with other fields', () => {
    const units = [{ snapshotId: 1, outcome: 0 as const, values: { industry: 'C', sizeBand: 'small', classification: 'normal', region: 'PL', grade: 'A' } }];
    const base = populationFingerprint(units, ['industry']);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(populationFingerprint([{ ...units[0]!, outcome: 1 }], ['industry'])).not.toBe(base);
    expect(populationFingerprint([{ ...units[0]!, values: { ...units[0]!.values, industry: 'F' } }], ['industry'])).not.toBe(base);
    expect(populationFingerprint([{ ...units[0]!, values: { ...units[0]!.values, region: 'DE' } }], ['industry'])).toBe(base);
  });
});
