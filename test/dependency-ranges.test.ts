import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeChange } from '../src/rules/dependencies.js';

// What a change of a dependency's range shows consumers: the lines (majors; 0.y below 1) npm may install.
describe('dependency range changes', () => {
  it.each([
    ['*', '^1', 'patch'],
    ['>=1 <5', '^2', 'patch'],
    ['^1', '^2', 'major'],
    ['^1', '*', 'major'],
    ['^1', '^1 || ^2', 'major'],
    ['^0.5', '^0.6', 'major'],
    ['latest', '^1', 'major'],
    ['^4.17.33', '^4.19.0', undefined],
    ['^0.5.1', '^0.5.3', undefined],
    ['*', '>=0', undefined],
  ])('%s → %s: %s', (old, next, expected) => {
    expect(rangeChange(old, next)).toBe(expected);
  });

  const caret = fc.tuple(fc.nat(30), fc.nat(30)).map(([major, minor]) => `^${major}.${minor}.0`);
  const range = fc.array(caret, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' || '));

  it('a range against itself, or against a union that contains it, never reports a break', () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        expect(rangeChange(a, a)).toBeUndefined();
        expect(rangeChange(`${a} || ${b}`, a)).not.toBe('major');
      }),
    );
  });

  it('narrowing and widening are each other reversed', () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        fc.pre(rangeChange(a, b) === 'patch');
        expect(rangeChange(b, a)).toBe('major');
      }),
      { numRuns: 100 },
    );
  });
});
