// A synthetic TypeScript monorepo of a given size, the same bytes on every run (seeded): packages of
// ordinary modules (utilities, types, API clients over fetch, React components, barrels) that import
// each other, and ~0.5% of files holding sockets, copied from the fixtures' shapes with their neighbours.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const GENERATOR_VERSION = 1;
const FILES_PER_PACKAGE = 200;
/** Share of files that hold a socket: each fixture copy brings one socket file and a few neighbours. */
const SOCKET_SHARE = 0.005;
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx|vue|svelte)$/;

/** mulberry32: small, fast and deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'invoice',
  'order',
  'customer',
  'product',
  'cart',
  'user',
  'session',
  'report',
  'ticket',
  'shipment',
  'payment',
  'account',
  'profile',
  'catalog',
  'review',
  'coupon',
  'address',
  'inventory',
  'refund',
  'team',
];
const VERBS = ['format', 'parse', 'validate', 'normalize', 'merge', 'filter', 'group', 'sort', 'summarize', 'compare'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** The fixtures' source files, grouped per fixture (each holds one or two sockets). */
function fixtureShapes(fixturesDir) {
  const shapes = [];
  for (const name of readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    if (name === 'default-ignores') continue; // its point is a node_modules folder
    const files = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = join(dir, e.name);
        if (e.isDirectory() && !['node_modules', 'dist', 'build', 'coverage'].includes(e.name)) walk(p);
        else if (e.isFile() && SOURCE.test(e.name))
          files.push({ rel: relative(join(fixturesDir, name), p), text: readFileSync(p, 'utf8') });
      }
    };
    walk(join(fixturesDir, name));
    if (files.length > 0) shapes.push({ name, files });
  }
  return shapes;
}

function utilModule(r, pkg, i, siblings) {
  const noun = NOUNS[i % NOUNS.length];
  const verb = VERBS[Math.floor(r() * VERBS.length)];
  const imports = siblings.slice(0, 1 + Math.floor(r() * 3));
  const lines = [
    ...imports.map((s) => `import { ${s.fn} } from './${s.name}';`),
    `import type { ${cap(noun)}Record } from '../types/${noun}-types';`,
    '',
    `/** ${cap(verb)}s ${noun} records for display and export in ${pkg}. */`,
    `export function ${verb}${cap(noun)}${i}(items: ${cap(noun)}Record[], locale = 'en-US'): string[] {`,
    `  const seen = new Set<string>();`,
    `  const out: string[] = [];`,
    `  for (const item of items) {`,
    `    if (seen.has(item.id)) continue;`,
    `    seen.add(item.id);`,
    `    const label = item.name.trim().replace(/\\s+/g, ' ');`,
    `    const amount = new Intl.NumberFormat(locale, { style: 'currency', currency: item.currency }).format(item.amount);`,
    `    out.push(\`\${label} (\${amount})\`);`,
    `  }`,
    ...imports.map((s) => `  out.push(...${s.fn}(out.length).split(','));`),
    `  return out.sort((a, b) => a.localeCompare(b, locale));`,
    `}`,
    '',
    `export function ${verb}${i}Key(value: number): string {`,
    `  const parts = [value % 7, value % 11, value % 13].map((n) => n.toString(36));`,
    `  return parts.join(',');`,
    `}`,
    '',
    `export const ${noun.toUpperCase()}_${i}_LIMITS = { min: ${Math.floor(r() * 10)}, max: ${10 + Math.floor(r() * 990)}, step: ${1 + Math.floor(r() * 5)} } as const;`,
  ];
  return { text: lines.join('\n') + '\n', fn: `${verb}${i}Key` };
}

function typesModule(noun) {
  const N = cap(noun);
  return `export interface ${N}Record {
  id: string;
  name: string;
  amount: number;
  currency: string;
  createdAt: string;
  tags?: string[];
}

export type ${N}Status = 'draft' | 'active' | 'archived';

export interface ${N}Page {
  items: ${N}Record[];
  nextCursor?: string;
  total: number;
}
`;
}

function apiModule(noun, i) {
  const N = cap(noun);
  return `import type { ${N}Page, ${N}Record } from '../types/${noun}-types';

const BASE = '/api/${noun}s';

/** REST client for ${noun}s: plain fetch, retries once on 502/503. */
export class ${N}Api${i} {
  constructor(private readonly token: string, private readonly base = BASE) {}

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(this.base + path, {
        ...init,
        headers: { 'content-type': 'application/json', authorization: \`Bearer \${this.token}\`, ...init.headers },
      });
      if (res.ok) return (await res.json()) as T;
      if (attempt === 0 && (res.status === 502 || res.status === 503)) continue;
      throw new Error(\`\${init.method ?? 'GET'} \${path}: \${res.status}\`);
    }
  }

  list(cursor?: string): Promise<${N}Page> {
    return this.request(cursor ? \`?cursor=\${encodeURIComponent(cursor)}\` : '');
  }

  get(id: string): Promise<${N}Record> {
    return this.request(\`/\${id}\`);
  }

  update(id: string, patch: Partial<${N}Record>): Promise<${N}Record> {
    return this.request(\`/\${id}\`, { method: 'PATCH', body: JSON.stringify(patch) });
  }
}
`;
}

function componentModule(noun, i, util) {
  const N = cap(noun);
  return `import { useEffect, useMemo, useState } from 'react';
import { ${N}Api${i} } from '../api/${noun}-api-${i}';
import { ${util.fn} } from '../utils/${util.name}';
import type { ${N}Record } from '../types/${noun}-types';

interface Props {
  token: string;
  title?: string;
}

export function ${N}List${i}({ token, title = '${N}s' }: Props) {
  const api = useMemo(() => new ${N}Api${i}(token), [token]);
  const [items, setItems] = useState<${N}Record[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.list().then(
      (page) => !cancelled && setItems(page.items),
      (err: Error) => !cancelled && setError(err.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (error) return <p role="alert">{error}</p>;
  return (
    <section>
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id} data-key={${util.fn}(item.amount)}>
            {item.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
`;
}

/** Writes the tree under `dir` (replacing it) and returns the number of source files written. */
export function generate(dir, totalFiles, fixturesDir, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  const r = rng(seed + totalFiles);
  const shapes = fixtureShapes(fixturesDir);
  const socketFiles = Math.max(1, Math.round(totalFiles * SOCKET_SHARE));
  const paths = new Set();
  let written = 0;
  const write = (rel, text) => {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    if (SOURCE.test(rel) && !paths.has(rel)) written++;
    paths.add(rel);
  };
  // the socket modules first, one fixture copy per socket file, spread over the packages
  const packages = Math.max(1, Math.round(totalFiles / FILES_PER_PACKAGE));
  for (let s = 0; s < socketFiles; s++) {
    const shape = shapes[s % shapes.length];
    const pkg = `packages/pkg-${String(Math.floor(r() * packages)).padStart(3, '0')}`;
    for (const f of shape.files) write(`${pkg}/src/realtime/${shape.name}-${s}/${f.rel}`, f.text);
  }
  // then ordinary modules up to the total
  for (let p = 0; written < totalFiles; p = (p + 1) % packages) {
    const pkg = `packages/pkg-${String(p).padStart(3, '0')}`;
    for (const noun of NOUNS)
      if (written < totalFiles && !paths.has(`${pkg}/src/types/${noun}-types.ts`))
        write(`${pkg}/src/types/${noun}-types.ts`, typesModule(noun));
    const base = written;
    const utils = [];
    for (let i = 0; i < 40 && written < totalFiles; i++) {
      const noun = NOUNS[(base + i) % NOUNS.length];
      const kind = i % 8 === 7 ? 3 : i % 8 === 4 || i % 8 === 6 ? 2 : 0;
      const n = base + i;
      if (kind === 0) {
        const name = `${noun}-util-${n}`;
        const m = utilModule(r, pkg, n, utils.slice(-3));
        write(`${pkg}/src/utils/${name}.ts`, m.text);
        utils.push({ name, fn: m.fn });
      } else if (kind === 2) {
        write(`${pkg}/src/api/${noun}-api-${n}.ts`, apiModule(noun, n));
        if (utils.length > 0 && written < totalFiles) {
          write(`${pkg}/src/components/${cap(noun)}List${n}.tsx`, componentModule(noun, n, utils[utils.length - 1]));
        }
      } else {
        const names = utils.slice(-4).map((u) => `export * from './utils/${u.name}';`);
        write(`${pkg}/src/index-${n}.ts`, names.join('\n') + '\n');
      }
    }
  }
  writeFileSync(
    join(dir, '.generated.json'),
    JSON.stringify({ version: GENERATOR_VERSION, totalFiles, seed, socketFiles }),
  );
  return { files: written, socketFiles };
}
