// The type checker, on demand and small: a second in-memory project that holds only the TypeScript
// files a question needs (the file and what it imports, two hops), so asking one payload's type never
// builds a checker over every parsed file. JavaScript files are never asked: they carry no types.
import type { Expression, Node, SourceFile, Type } from 'ts-morph';
import { memoryProject, tsc, type Project } from './morph.js';
import { ORACLE_LIB, ORACLE_LIB_PATH } from './oracle-lib.js';
import type { ProjectIndex } from './project-index.js';

const TS_FILE = /\.(?:[cm]?ts|tsx)$/;

/**
 * The oracle's project, for the whole scan: its library is parsed and bound once. The analysis asks
 * one group of files at a time (engine/analyse.ts), and each group's oracle takes its files out again.
 */
let shared: Project | undefined;

export class TypeOracle {
  private readonly added = new Set<string>();
  private readonly created: SourceFile[] = [];

  constructor(private readonly index: ProjectIndex) {}

  /** Takes this oracle's files out of the shared project (its answers are no longer asked for). */
  release(): void {
    for (const sf of this.created.splice(0)) if (!sf.wasForgotten()) shared?.removeSourceFile(sf);
  }

  /** The type of `node`, or undefined where there are no types to ask about. */
  typeOf(node: Node): { type: Type; at: Node } | undefined {
    const info = this.index.fileOf(node);
    if (!info || !TS_FILE.test(info.sourceFile.getFilePath())) return undefined;
    const sf = this.include(info.absPath);
    const twin = sf && findTwin(sf, node);
    return twin ? { type: twin.getType(), at: twin } : undefined;
  }

  /**
   * The type the code around `node` expects of it (the declared parameter type of the argument it is),
   * through generic and rest signatures (`emit<E>(e: E, ...args: Parameters<Listener<E>>)`) that
   * syntax cannot read; undefined where there are no types to ask about.
   */
  expectedTypeOf(node: Node, only?: RegExp): Type | undefined {
    const info = this.index.fileOf(node);
    if (!info || !TS_FILE.test(info.sourceFile.getFilePath())) return undefined;
    // the checker's first question binds its library (~0.2 s): not asked when no file it would read can answer
    if (only && !this.ring(info.absPath).some((p) => only.test(this.index.files.get(p)!.sourceFile.getFullText())))
      return undefined;
    const sf = this.include(info.absPath);
    const twin = sf && findTwin(sf, node);
    return twin ? shared!.getTypeChecker().getContextualType(twin as Expression) : undefined;
  }

  /** The files a question about `absPath` reads: it and what it imports, two hops. */
  private ring(absPath: string): string[] {
    const seen = new Set<string>();
    let ring = [absPath];
    for (let hop = 0; hop < 3 && ring.length; hop++) {
      const next: string[] = [];
      for (const p of ring) {
        const info = this.index.files.get(p);
        if (seen.has(p) || !info) continue;
        seen.add(p);
        for (const b of info.imports.values()) if (b.resolved) next.push(b.resolved);
      }
      ring = next;
    }
    return [...seen];
  }

  private include(absPath: string): SourceFile | undefined {
    const project = (shared ??= createOracleProject());
    let ring = [absPath];
    for (let hop = 0; hop < 3 && ring.length; hop++) {
      const next: string[] = [];
      for (const p of ring) {
        if (this.added.has(p)) continue;
        const info = this.index.files.get(p);
        if (!info) continue;
        this.added.add(p);
        const path = info.sourceFile.getFilePath();
        if (TS_FILE.test(path))
          this.created.push(project.createSourceFile(path, info.sourceFile.getFullText(), { overwrite: true }));
        for (const b of info.imports.values()) if (b.resolved) next.push(b.resolved);
      }
      ring = next;
    }
    return project.getSourceFile(this.index.files.get(absPath)!.sourceFile.getFilePath());
  }
}

function createOracleProject(): Project {
  // a small library of our own (oracle-lib.ts): TypeScript's ES and DOM libraries cost ~0.5 s to bind
  const project = memoryProject({ allowJs: false, target: tsc.ScriptTarget.ESNext });
  project.createSourceFile(ORACLE_LIB_PATH, ORACLE_LIB);
  return project;
}

/** The node at the same position and of the same kind in the oracle's copy of the file. */
function findTwin(sf: SourceFile, node: Node): Node | undefined {
  let n: Node | undefined = sf.getDescendantAtPos(node.getStart());
  while (n && !(n.getStart() === node.getStart() && n.getKind() === node.getKind() && n.getEnd() === node.getEnd()))
    n = n.getParent();
  return n;
}
