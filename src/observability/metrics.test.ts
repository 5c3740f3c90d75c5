import { describe, expect, it } from 'vitest';
import { errorCodeLabel, operationLabels } from './metrics.js';

describe('operationLabels', () => {
  it('keeps the first names it sees and counts later ones as other', () => {
    const label = operationLabels(2);
    expect([label('A'), label('B'), label('C'), label('A'), label('B')]).toEqual(['A', 'B', 'other', 'A', 'B']);
  });

  it('labels unnamed operations anonymous and overlong names other', () => {
    const label = operationLabels(10);
    expect(label(undefined)).toBe('anonymous');
    expect(label(null)).toBe('anonymous');
    expect(label('N'.repeat(65))).toBe('other');
  });
});

describe('errorCodeLabel', () => {
  it('keeps the codes greengraph declares and folds the rest into OTHER', () => {
    expect(errorCodeLabel('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
    expect(errorCodeLabel('MADE_UP')).toBe('OTHER');
    expect(errorCodeLabel(undefined)).toBe('OTHER');
  });
});
