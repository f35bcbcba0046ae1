import { mean, sampleStandardDeviation } from 'simple-statistics';

export interface Statistics {
  mean: number | null;
  sd: number | null;
}

/**
 * Mean and sample standard deviation (n − 1, as Excel's STDEV.S) over the values that exist: a
 * missing value is never counted as zero. The SD needs two values; with one it is null.
 */
export function meanAndSampleSd(values: readonly (number | null)[]): Statistics {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return { mean: null, sd: null };
  return { mean: mean(present), sd: present.length < 2 ? null : sampleStandardDeviation(present) };
}
