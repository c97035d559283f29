// @tanstack/query-core 4.44.0 → 5.0.0: the overload taking a query key first was removed (issue 13). The
// witness called it with no arguments, which the remaining overload accepts, and came out refuted; called with a
// key, as consumers did, it fails against 5.0.0 (TS2559).
import { QueryClient } from '@tanstack/query-core';

const client = new QueryClient();
export const cancelled: Promise<void> = client.cancelQueries(['todos']);
