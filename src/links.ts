// The project's web addresses, in one place. Rule pages are linked at the tag of the version that made the report,
// so a SARIF log keeps pointing at the page that described the rule as it was when the log was made.
export const REPO_URL = 'https://github.com/rt-advisor/rt-advisor';

/** A file of the repository (a rule page, a schema) as of a version's tag, `v<version>` (a report's own version). */
export function versionedUrl(path: string, version: string): string {
  return `${REPO_URL}/blob/v${version}/${path}`;
}
