// ky 2.0.2 → 2.1.0: a hook's `state.options` became Readonly<NormalizedOptions> (issue 13). The witness only
// read the member and came out refuted; writing it, as a beforeRequest hook may, fails against 2.1.0 (TS2540).
import ky from 'ky';

export const api = ky.create({
  hooks: {
    beforeRequest: [
      (state) => {
        state.options.method = 'POST';
      },
    ],
  },
});
