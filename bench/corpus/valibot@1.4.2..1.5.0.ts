// valibot 1.4.2 → 1.5.0 (a minor release): the exported helper _getStandardProps is gone; the tool says major
// (export-removed, verified). Importing it fails against 1.5.0 (TS2305), however internal its underscore says it is.
import { _getStandardProps } from 'valibot';

export const helper: typeof _getStandardProps = _getStandardProps;
