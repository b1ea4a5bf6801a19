import { DomainError, describeValue } from '../domain-error.js';
import type { DrawnSample, SamplingDesign, SamplingPopulation, StratifiedDesignInput } from './sampling-design.js';
import { simpleRandomSample } from './simple-random-sample.js';
import { stratifiedSample } from './stratified-sample.js';

/**
 * Draws a sample by its design — the entry point for storing and re-drawing: a stored sample's `design` and
 * `seed` passed back here with the same population give the identical units and weights.
 * Simple random: population.size (or the length of any column) gives N.
 */
export function drawSample(population: SamplingPopulation, design: SamplingDesign | (StratifiedDesignInput & { method: 'stratified' }), seed: number): DrawnSample {
  if (design.method === 'simple-random') {
    const firstColumn = population.columns ? Object.values(population.columns)[0] : undefined;
    const size = population.size ?? firstColumn?.length ?? population.outcomes?.length;
    if (size === undefined) throw new DomainError('invalid-population', 'Give the population size for a simple random sample.', {});
    return simpleRandomSample(size, design, seed);
  }
  if (design.method === 'stratified') return stratifiedSample(population, design, seed);
  throw new DomainError('invalid-design', `Unknown sampling method "${describeValue((design as { method?: unknown }).method)}".`, {});
}
