import type { PairKind } from '../diff/pairs.js';
import { memberAccessorChanged } from './accessors.js';
import { classBaseChanged, classMadeAbstract, classMadeConcrete } from './classes.js';
import { typeParamMadeConst } from './const-type-params.js';
import { constructSignatureRules } from './construct-signatures.js';
import type { Rule } from './define.js';
import { dependencyTypesMajorChanged } from './dependencies.js';
import { enumMemberAdded, enumMemberRemoved, enumMemberValueChanged } from './enums.js';
import { entryPointAdded, entryPointLegacyOnly, entryPointRemoved, exportAdded, exportKindChanged, exportRemoved } from './exports.js';
import { assertionSignatureAdded, typeGuardNarrowed } from './guards.js';
import { libReferenceAdded, libReferenceRemoved } from './lib-references.js';
import * as members from './members.js';
import { classMadeNominal } from './nominal.js';
import * as signatures from './signatures.js';
import { deprecatedAdded, stabilityReduced } from './tags.js';
import { thisParamAdded, thisParamRemoved, thisParamTypeChanged } from './this-params.js';
import { paramTypeRules, propertyTypeRules, returnTypeRules, typeAliasRules, variableTypeRules } from './type-changes.js';
import * as typeParams from './type-params.js';
import { typeParamMadeInvariant } from './variance.js';
import { compareStrings } from '../core/compare.js';

/** Every rule, sorted by id: the CLI's `rules` command and README's table are generated from this list. */
export const catalog: Rule<PairKind>[] = (
  [
    entryPointRemoved,
    entryPointAdded,
    entryPointLegacyOnly,
    exportRemoved,
    exportAdded,
    exportKindChanged,
    deprecatedAdded,
    dependencyTypesMajorChanged,
    libReferenceRemoved,
    libReferenceAdded,
    stabilityReduced,
    ...Object.values(signatures),
    ...paramTypeRules,
    ...returnTypeRules,
    ...Object.values(typeParams).flat(),
    ...Object.values(members).flat(),
    ...propertyTypeRules,
    classMadeAbstract,
    classMadeConcrete,
    classBaseChanged,
    classMadeNominal,
    memberAccessorChanged,
    thisParamAdded,
    thisParamRemoved,
    thisParamTypeChanged,
    ...constructSignatureRules,
    typeGuardNarrowed,
    assertionSignatureAdded,
    typeParamMadeConst,
    typeParamMadeInvariant,
    enumMemberAdded,
    enumMemberRemoved,
    enumMemberValueChanged,
    ...variableTypeRules,
    ...typeAliasRules,
  ] as Rule<PairKind>[]
).sort((a, b) => compareStrings(a.id, b.id));
