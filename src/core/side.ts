/** Which release of a comparison: the baseline (`old`) or the one being judged (`new`). */
export type Side = 'old' | 'new';

export const SIDES: readonly Side[] = ['old', 'new'];
