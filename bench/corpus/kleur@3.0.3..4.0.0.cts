// kleur 3.0.3 → 4.0.0 (a major release): kleur.d.ts went from a module with `export =` to a script declaring
// `declare module 'kleur'`, and package.json gained `exports` without types. The tool said major for the wrong
// reason (export= and its names removed, all refuted: the module an import meets is the same); it now says major
// because only node10 resolution still finds the types (entry-point-legacy-only). Compiled with NodeNext, this
// consumer written against 3.0.3 no longer finds kleur's types (TS2307).
import kleur = require('kleur');

export const title: string = kleur.bold().red('title');
export const enabled: boolean = kleur.enabled;
export const paint: kleur.Color = kleur.green;
