// @types/semver 7.5.8 → 7.7.0 (a minor release): ReleaseType gained "release"; the tool says major
// (type-alias-widened, verified), since consumers receive it. An exhaustive switch over the release types that
// 7.5.8 declared no longer covers them all against 7.7.0 (TS2366).
import type { ReleaseType } from 'semver';

export function label(type: ReleaseType): string {
  switch (type) {
    case 'major':
    case 'premajor':
      return 'breaking';
    case 'minor':
    case 'preminor':
      return 'feature';
    case 'patch':
    case 'prepatch':
    case 'prerelease':
      return 'fix';
  }
}
