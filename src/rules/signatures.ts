import type { ParamPair } from '../diff/pairs.js';
import { call, callBothArities, implement, useParam } from '../witness/consumer.js';
import { defineRule } from './define.js';
import { everyOverloadImplemented, implementationsBreak } from './implementation-fits.js';
import { everyCallStillResolves, paramCallStillResolves } from './overload-calls.js';

export const overloadAdded = defineRule({
  id: 'overload-added',
  policySetting: 'additions',
  title: 'Overload added',
  description: 'A function, method, constructor or call signature gained an overload. Minor where consumers call it; major where they implement it and no overload of their implementation fits the new one (one with a catch-all or an identical overload still fits).',
  bump: 'minor',
  on: 'signature',
  message: ({ path, signature }) => `${path} gained an overload ${signature}`,
  check(pair, report, { relator }) {
    if (!pair.old && pair.new) report({ bump: implementationsBreak(pair, relator) ? 'major' : 'minor', data: { signature: pair.new.text } });
  },
  witness(pair, w) {
    implement(w, pair);
  },
});

export const overloadRemoved = defineRule({
  id: 'overload-removed',
  title: 'Overload removed',
  description: 'An overload (or the only call/construct signature) is gone: calls that matched it no longer compile. Not reported where every call it took still resolves to a remaining overload with a result of the old type and, where consumers implement the callable, an implementation of the old overloads still fits every new one.',
  bump: 'major',
  on: 'signature',
  message: ({ path, signature }) => `${path} lost the overload ${signature}`,
  check(pair, report, { relator }) {
    if (pair.old && !pair.new && !(everyCallStillResolves(pair, relator) && everyOverloadImplemented(pair, relator))) report({ data: { signature: pair.old.text } });
  },
  witness: (pair, w) => {
    w.anyOf(...(pair.callers ? [() => callBothArities(w, pair)] : []), ...(pair.implementors ? [() => implement(w, pair)] : []));
    const emptyObject = pair.old!.params.some((p) => p.type.k === 'object' && !p.type.members.length);
    if (pair.callers && emptyObject) w.orElse((other) => callBothArities(other, pair, { ownObjects: true }));
  },
});

const name = (pair: ParamPair) => (pair.old ?? pair.new)!.name;

export const paramAddedRequired = defineRule({
  id: 'param-added-required',
  title: 'Required parameter added',
  description: 'A new required parameter: existing calls pass too few arguments (major). Where consumers only implement the signature (a callback), ignoring an extra argument is fine (minor).',
  bump: 'major',
  on: 'param',
  message: ({ path }) => `required parameter ${path} was added`,
  check(pair, report, { relator }) {
    // Where consumers only implement the signature (a callback) the argument is one more they may read: minor,
    // also where the outer call still takes their callback.
    const callers = pair.signature.callers;
    if (!pair.old && pair.new && !pair.new.optional && !pair.new.rest && !(callers && paramCallStillResolves(pair, relator, 0))) {
      report({ bump: callers ? 'major' : 'minor', data: { name: name(pair) } });
    }
  },
  witness(pair, w) {
    call(w, pair.signature, { typeArgs: 'both' });
  },
});

export const paramAddedOptional = defineRule({
  id: 'param-added-optional',
  policySetting: 'additions',
  title: 'Optional parameter added',
  description: 'A new optional parameter: existing calls and implementations still fit.',
  bump: 'minor',
  on: 'param',
  message: ({ path }) => `optional parameter ${path} was added`,
  check(pair, report) {
    if (!pair.old && pair.new?.optional) report();
  },
});

export const paramRemoved = defineRule({
  id: 'param-removed',
  title: 'Parameter removed',
  description: 'A parameter is gone: calls that pass it have too many arguments, implementations that expect it no longer fit. Not reported for callers where such calls resolve to another overload.',
  bump: 'major',
  on: 'param',
  message: ({ path }) => `parameter ${path} was removed`,
  check(pair, report, { relator }) {
    if (pair.old && !pair.new && !pair.old.rest && !paramCallStillResolves(pair, relator)) report();
  },
  witness(pair, w) {
    useParam(w, pair);
  },
});

export const paramMadeOptional = defineRule({
  id: 'param-made-optional',
  title: 'Parameter made optional',
  description: 'A required parameter became optional. Minor where consumers call the function; major where they implement it (the package may now omit the argument).',
  bump: 'minor',
  on: 'param',
  message: ({ path }) => `parameter ${path} is now optional`,
  check(pair, report) {
    if (pair.old && pair.new && !pair.old.rest && !pair.new.rest && !pair.old.optional && pair.new.optional) {
      report({ bump: pair.signature.implementors ? 'major' : 'minor' });
    }
  },
  witness(pair, w) {
    implement(w, pair.signature);
  },
});

export const paramMadeRequired = defineRule({
  id: 'param-made-required',
  title: 'Parameter made required',
  description: 'An optional parameter became required: calls that omit it break (major). Minor where consumers only implement the signature.',
  bump: 'major',
  on: 'param',
  message: ({ path }) => `parameter ${path} is now required`,
  check(pair, report, { relator }) {
    // Callers only: an implementation with the parameter optional still fits one that requires it, so a call that
    // leaves it out and resolves to another overload (lodash 4's `reduce` without `accumulator`) breaks nobody.
    if (pair.old && pair.new && !pair.old.rest && !pair.new.rest && pair.old.optional && !pair.new.optional && !paramCallStillResolves(pair, relator, pair.index, true)) {
      report({ bump: pair.signature.callers ? 'major' : 'minor' });
    }
  },
  witness(pair, w) {
    call(w, pair.signature, { count: pair.index, typeArgs: 'both' });
  },
});

export const paramRestAdded = defineRule({
  id: 'param-rest-added',
  policySetting: 'additions',
  title: 'Rest parameter added',
  description: 'A rest parameter appeared (new, or replacing a single parameter): callers may pass more. Major where consumers implement the signature.',
  bump: 'minor',
  on: 'param',
  message: ({ path }) => `${path} is now a rest parameter`,
  check(pair, report) {
    if (pair.new?.rest && !pair.old?.rest) report({ bump: pair.signature.implementors ? 'major' : 'minor' });
  },
  witness(pair, w) {
    implement(w, pair.signature);
  },
});

export const paramRestRemoved = defineRule({
  id: 'param-rest-removed',
  title: 'Rest parameter removed',
  description: 'A rest parameter is gone or became a single parameter: calls that pass several arguments break. Not reported where a call passing two of them still resolves to some overload.',
  bump: 'major',
  on: 'param',
  message: ({ path }) => `${path} is no longer a rest parameter`,
  check(pair, report, { relator }) {
    if (pair.old?.rest && !pair.new?.rest && !paramCallStillResolves(pair, relator, pair.index + 2, true)) report();
  },
  witness(pair, w) {
    // Callers of a generic one may have written its type arguments out (lodash 3's `defaults<TObject, TResult>`,
    // whose result they name): the overload that still takes several sources may take no type arguments.
    call(w, pair.signature, { count: pair.index + 1, restAsTwo: true, typeArgs: 'both' });
  },
});
