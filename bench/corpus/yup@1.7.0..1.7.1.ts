// yup 1.7.0 → 1.7.1 (a patch release): Schema.transforms went from TransformFunction<AnySchema>[] to functions
// that also take the cast options; the tool says major (property-type-widened, unverified). A consumer reading
// the transforms as the four-parameter functions 1.7.0 declared settles it.
import { string, type AnySchema } from 'yup';

type Transform = (this: AnySchema, value: any, originalValue: any, schema: AnySchema) => any;
export const transforms: Transform[] = string().transforms;
