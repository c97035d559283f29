// @types/uuid 10.0.0 → 11.0.0: 11.0.0 is a deprecated stub without declarations (uuid ships its own), so for a
// consumer of @types/uuid every type is gone: the import fails against 11.0.0 (TS2307). The tool refused the pair.
import { v4 } from 'uuid';

export const id: string = v4();
