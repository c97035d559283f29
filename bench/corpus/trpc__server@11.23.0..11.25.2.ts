// @trpc/server 11.23.0 → 11.25.2 (a minor release): the tool reports inferProcedureParams and GetInferenceHelpers
// of ./unstable-core-do-not-import removed, with refuted witnesses (issue 13: the witness's @internal trimming
// kept an export list naming them). Importing them compiles against both: they are still exported.
import type { AnyRouter } from '@trpc/server';
import type { GetInferenceHelpers, inferProcedureParams } from '@trpc/server/unstable-core-do-not-import';

export type Params = inferProcedureParams<never>;
export type Helpers<TRouter extends AnyRouter> = GetInferenceHelpers<'input', TRouter['_def']['_config']['$types'], TRouter['_def']['record']>;
