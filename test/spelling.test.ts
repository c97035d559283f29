import { describe, expect, it } from 'vitest';
import { spellItem, spellMemberType, spellSignature, spelledChange } from '../src/model/spelling.js';

// Messages quote types from the declaration texts the surface keeps; these are the shapes those texts take.
describe('declaration spelling', () => {
  it('reads a signature: type parameters as written, `this` apart from the parameters, the return type', () => {
    expect(spellSignature('<const T extends string = "a", U = T>(this: Ctx, value: T, ...rest: U[]): value is T')).toEqual({
      typeParams: [
        { name: 'T', text: 'const T extends string = "a"', constraint: 'string', default: '"a"' },
        { name: 'U', text: 'U = T', default: 'T' },
      ],
      thisType: 'Ctx',
      params: ['T', 'U[]'],
      returns: 'value is T',
    });
    // A constructor's text has no return type; an untyped parameter has no type to quote.
    expect(spellSignature('(host, port: number)')).toEqual({ typeParams: [], params: [undefined, 'number'] });
  });

  it('reads a property or index signature member, and an item header', () => {
    expect(spellMemberType('readonly handler?: (event: {  kind: string }) => void')).toBe('(event: { kind: string }) => void');
    expect(spellMemberType('readonly [key: string]: number')).toBe('number');
    expect(spellItem('type Flags<K extends string> = { [P in K]: boolean }')).toEqual({
      typeParams: [{ name: 'K', text: 'K extends string', constraint: 'string' }],
      type: '{ [P in K]: boolean }',
    });
    expect(spellItem('const chalk: Chalk & { stderr: Chalk; }')).toEqual({ typeParams: [], type: 'Chalk & { stderr: Chalk; }' });
    expect(spellItem('class interface Box<V extends object = {}> extends Base<V> implements Sized')?.typeParams[0]?.text).toBe('V extends object = {}');
    expect(spellItem('interface Action<T = any> extends A, B')?.typeParams[0]?.text).toBe('T = any');
  });

  it('spells nothing rather than something wrong, and quotes a change only where the spellings differ', () => {
    expect(spellSignature('(x: string): ')).toBeUndefined();
    expect(spellMemberType('a-b: string')).toBeUndefined();
    expect(spelledChange('string', 'string | number')).toEqual({ old: 'string', new: 'string | number' });
    expect(spelledChange('WebSocket', 'WebSocket')).toEqual({});
    expect(spelledChange(undefined, 'string')).toEqual({});
  });
});
