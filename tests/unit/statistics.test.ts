import { describe, expect, it } from 'vitest';
import { meanAndSampleSd } from '../../main/domain/statistics';

describe('statistics over the values that exist', () => {
  it('gives the mean and the sample SD (n − 1, as STDEV.S), never counting a missing value as zero', () => {
    expect(meanAndSampleSd([2, null, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7) });
    expect(meanAndSampleSd([3, null])).toEqual({ mean: 3, sd: null });
    expect(meanAndSampleSd([null, null])).toEqual({ mean: null, sd: null });
  });
});
