import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFlagsMarkdown, SCAN_FLAGS } from '../src/cli/scan-flags.js';
import { RULES } from '../rules/index.js';
import { knownRules } from '../src/config/known-rules.js';

const KNOWN_RULES = knownRules(RULES);

const readme = readFileSync('README.md', 'utf8');
const DOCS = ['README.md', ...readdirSync('docs').map((f) => `docs/${f}`)];

function section(name: string): string {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
  return m?.[1] ?? '';
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, outside code blocks. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const h = !fence && /^#{1,6} (.*)$/.exec(line);
    if (h) out.add(slug(h[1]));
  }
  return out;
}

describe('README', () => {
  it('documents exactly the scan flags the CLI parses', () => {
    expect(section('scan-flags')).toBe(renderFlagsMarkdown());
  });

  it('lists every rule with its page and its default severity', () => {
    for (const r of KNOWN_RULES)
      expect(readme).toContain(`[\`${r.meta.id}\`](rules/${r.meta.id}.md) | ${r.meta.defaultSeverity} |`);
  });

  it('gives the two set-up commands, and says the demo scan exits 1 because it finds problems', () => {
    expect(readme).toContain('npm ci && npx rt-advisor scan fixtures/demo-app');
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toMatch(/finds problems, so the command ends with exit code 1/);
  });

  it('is user documentation: at most 270 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(270);
  });

  it('gives a CI recipe that uploads SARIF and uses only flags the CLI has', () => {
    const recipe = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(recipe).toContain('github/codeql-action/upload-sarif');
    expect(recipe).toContain('security-events: write');
    const scan = /npx rt-advisor scan (.*)/.exec(recipe)?.[1] ?? '';
    const flags = scan.split(/\s+/).filter((w) => w.startsWith('-'));
    const known = SCAN_FLAGS.flatMap((f) => f.flags.split(/[ ,]+/).filter((w) => w.startsWith('-')));
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(known).toContain(f);
    expect(recipe).toMatch(new RegExp(`sarif_file: ${/--output-file (\S+)/.exec(scan)?.[1]}`));
  });
});

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(doc, 'utf8');

  it('links only to files that exist, and to headings they have', () => {
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split('#');
      const file = path ? join(dirname(doc), path) : doc;
      if (!existsSync(file)) broken.push(target);
      else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('names only repository paths that exist', () => {
    const paths = [...text.matchAll(/`((?:src|rules|test|docs|scripts|bench|fixtures|schema)\/[\w./<>-]*)`/g)].map(
      (m) => m[1],
    );
    // a module may be named without its extension, a test by its name; bench/.work/ is made by the bench
    const exists = (p: string) =>
      ['', '.ts', '.test.ts'].some((ext) => existsSync(p.replace(/\/$/, '') + ext)) || p === 'bench/.work/';
    expect(paths.filter((p) => !p.includes('<') && !exists(p))).toEqual([]);
  });
});
