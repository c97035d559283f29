/**
 * What the GitHub Action's one-file bundle knows of its own build. scripts/build-action.mjs defines
 * `API_SEMVER_BUNDLE` when it bundles the tool: a bundle has no package.json beside it to read the version from,
 * and no dist/ files to fingerprint the surface cache with. Run from the package's dist/, it is undefined.
 */
export interface BundledBuild {
  /** package.json's version when the bundle was built. */
  version: string;
  /** A digest of the bundle's own code (with TypeScript inside it): what dist/'s files are to the package. */
  fingerprint: string;
}

declare const API_SEMVER_BUNDLE: BundledBuild | undefined;

export const bundledBuild: BundledBuild | undefined = typeof API_SEMVER_BUNDLE === 'undefined' ? undefined : API_SEMVER_BUNDLE;
