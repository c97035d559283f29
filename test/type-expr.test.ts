import { describe, expect, it } from 'vitest';
import { someType } from '../src/model/type-expr.js';
import type { TypeExpr } from '../src/model/surface.js';

describe('someType', () => {
  // Converted types share their parts; walked as trees, valibot 1.0's schemas took minutes (2^depth visits here).
  it('asks about each shared part once', () => {
    let type: TypeExpr = { k: 'prim', name: 'string' };
    for (let i = 0; i < 60; i++) type = { k: 'union', types: [type, type] };
    let asked = 0;
    const isParam = (t: TypeExpr) => {
      asked++;
      return t.k === 'typeparam';
    };
    expect(someType(type, isParam)).toBe(false);
    expect(asked).toBe(61);
    expect(someType(type, (t) => t.k === 'prim' && t.name === 'string')).toBe(true);
  });
});
