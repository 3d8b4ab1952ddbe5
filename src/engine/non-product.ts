// Which scanned files are not the product: tests, fixtures, examples, demos, docs, scripts. Their
// sockets and servers are not reported (a test's socket is there to provoke one reply; a demo of a
// library's own protocol is not something its maintainers can migrate), but they are still parsed
// when they can use a product socket, so their sends count.
import path from 'node:path';
import ignore from 'ignore';

/** Test code, by folder and by file name (gitignore syntax: `dir/` matches a folder at any depth). */
export const TEST_PATTERNS: readonly string[] = [
  'test/',
  'tests/',
  'spec/',
  'specs/',
  '__tests__/',
  '__mocks__/',
  '__fixtures__/',
  'fixture/',
  'fixtures/',
  'e2e/',
  'integration/',
  'cypress/',
  'playwright/',
  'harness/',
  '*-test-suite/',
  '*.test.*',
  '*.spec.*',
  '*.tests.*',
  '*.e2e.*',
  '*.cy.*',
  '*_spec.*',
  '*_test.*',
  '*-test.*',
  'test-*.*',
  'test_*.*',
  'test-suite.*',
  '*.stories.*',
  '*.story.*',
];

/** Code that demonstrates or builds the product rather than being it. */
export const EXAMPLE_PATTERNS: readonly string[] = [
  'example/',
  'examples/',
  'demo/',
  'demos/',
  'doc/',
  'docs/',
  'playground/',
  'playgrounds/',
  'sample/',
  'samples/',
  'sandbox/',
  'bench/',
  'benchmark/',
  'benchmarks/',
  'scripts/',
];

export const DEFAULT_NON_PRODUCT: readonly string[] = [...TEST_PATTERNS, ...EXAMPLE_PATTERNS];

/** A folder pattern (`dir/`, `a/b/`, `**\/x/`): it never matches a file named on the command line. */
const FOLDER_PATTERN = /\/$|^!?[^*]*\/[^/]/;

/**
 * Tells non-product files by their path below the scanned folder they were found in, so that
 * `scan examples/chat` still reports the example it was pointed at. A file named on the command line
 * is matched by its name only: the folders it sits in are the user's choice. `extra` patterns come
 * after the defaults; `!pattern` re-includes (`!examples/`).
 */
export function nonProductMatcher(
  paths: readonly string[],
  cwd: string,
  extra: readonly string[] = [],
): (absPath: string) => boolean {
  const patterns = [...DEFAULT_NON_PRODUCT, ...extra];
  const below = ignore().add(patterns);
  const byName = ignore().add(patterns.filter((p) => !FOLDER_PATTERN.test(p)));
  const roots = paths.map((p) => path.resolve(cwd, p));
  return (absPath) => {
    let best: string | undefined;
    for (const r of roots) {
      if (absPath === r) return byName.ignores(path.basename(absPath));
      const prefix = r.endsWith(path.sep) ? r : r + path.sep;
      if (absPath.startsWith(prefix) && (best === undefined || r.length > best.length)) best = prefix;
    }
    if (best === undefined) return byName.ignores(path.basename(absPath));
    const rel = absPath.slice(best.length).split(path.sep).join('/');
    return below.ignores(rel);
  };
}
