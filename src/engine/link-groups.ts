// The files to parse, in groups that no import links: each group is parsed, analysed, checked and
// forgotten before the next, so only one group's syntax trees are in memory at a time (a registry
// tree's 280 socket files are ~60 groups, its biggest one bundle). Everything the analysis follows
// across files (imports, re-exports, a wrapper's importers) and the files a rule looks into for a
// caller stay inside one group.
import type { SourceText } from './read-source.js';
import type { ModuleResolver } from '../syntax/resolve-module.js';

/** Union-find over file indexes, with each group's members kept (a big tree has thousands of groups). */
export class Groups {
  private readonly parent: number[];
  /** root → its members, in no order until `members` sorts them */
  private readonly lists = new Map<number, number[]>();

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < size; i++) this.lists.set(i, [i]);
  }

  root(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    // path halving keeps later lookups short
    for (let n = i; this.parent[n] !== r;) [n, this.parent[n]] = [this.parent[n], r];
    return r;
  }

  join(a: number, b: number): number {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra === rb) return ra;
    // the lower index stays the root, so a group keeps its place in file order
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[gone] = keep;
    const kept = this.lists.get(keep)!;
    const moved = this.lists.get(gone)!;
    // the shorter list goes into the longer one: joining n files costs O(n log n) at worst
    const [into, from] = kept.length >= moved.length ? [kept, moved] : [moved, kept];
    for (const m of from) into.push(m);
    this.lists.set(keep, into);
    this.lists.delete(gone);
    return keep;
  }

  /** The members of the group rooted at `root`, in index order. */
  members(root: number): number[] {
    return (this.lists.get(root) ?? []).sort((x, y) => x - y);
  }

  /** Each group's root, in file order. */
  roots(): number[] {
    return [...this.lists.keys()].sort((x, y) => x - y);
  }
}

/**
 * Groups `files` by the import specifiers read from their text (`import … from`, `export … from`,
 * `require`, `import()`): a superset of the links the parse sees, but for a specifier the text scan
 * cannot read (a comment inside the import clause), which the analysis checks for and then joins.
 */
export function linkedGroups(
  files: readonly SourceText[],
  specifiers: ReadonlyMap<string, readonly string[]>,
  resolver: ModuleResolver,
): Groups {
  const indexOf = new Map(files.map((f, i) => [f.absPath, i]));
  const groups = new Groups(files.length);
  files.forEach((f, i) => {
    for (const spec of specifiers.get(f.absPath) ?? []) {
      const target = resolver.resolve(f.absPath, spec);
      const j = target === undefined ? undefined : indexOf.get(target);
      if (j !== undefined) groups.join(i, j);
    }
  });
  return groups;
}
