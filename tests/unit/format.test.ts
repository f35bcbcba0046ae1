import { describe, expect, it } from 'vitest';
import { figureFromInput, formatDateTime, formatMegabytes, formatNumber } from '../../renderer/src/format';

describe('a figure typed in a form', () => {
  it('is read as Swedes write it, and as the form shows it back', () => {
    expect(figureFromInput('72,5')).toBe(72.5);
    expect(figureFromInput(' 1 250 ')).toBe(1250);
    expect(figureFromInput('-0,8')).toBe(-0.8);
    for (const value of [72.5, -0.8, 1250.25]) expect(figureFromInput(formatNumber(value))).toBe(value);
  });

  it('is not a number when it is not a figure, so the form can say so', () => {
    for (const text of ['mycket', '7,2,5', '', '1e3', '72.5.1']) expect(figureFromInput(text), text).toBeNaN();
  });
});

describe('a backup in the list', () => {
  it('is dated as the user’s clock shows it, in Swedish order', () => {
    const taken = new Date(2026, 11, 1, 9, 5);
    expect(formatDateTime(taken.toISOString())).toBe('2026-12-01 09:05');
  });

  it('has its size in megabytes to three figures, with a decimal comma', () => {
    expect(formatMegabytes(12_345_678)).toBe('12,3');
    expect(formatMegabytes(1_234_567)).toBe('1,23');
    expect(formatMegabytes(45_056)).toBe('0,0451');
    expect(formatMegabytes(1_304_000_000)).toBe('1\u00a0300');
  });
});
