import { describe, expect, it } from 'vitest';
import { worseClassification } from '../../../../src/domain/credit/worse-classification.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: the severity order of the five categories (normal < special mention < substandard < doubtful < loss).
describe('worseClassification', () => {
  it('returns the more severe category, either way round', () => {
    expect(worseClassification('normal', 'substandard')).toBe('substandard');
    expect(worseClassification('loss', 'doubtful')).toBe('loss');
    expect(worseClassification('special-mention', 'special-mention')).toBe('special-mention');
  });

  it('rejects unknown categories', () => {
    expect(() => worseClassification('npl' as never, 'normal')).toThrow(DomainError);
  });
});
