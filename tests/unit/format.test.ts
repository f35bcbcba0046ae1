import { describe, expect, it } from 'vitest';
import { figureFromInput, formatNumber } from '../../renderer/src/format';

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
