// How a text becomes a syntax tree here: the compiler's parser without JSDoc and without its own parent
// pass (the parents are set by the one walk that also measures nesting and lists the nodes the walks look
// for), in an in-memory ts-morph project that resolves and loads nothing.
import type { ts } from 'ts-morph';
import { memoryProject, type Project, type ScriptKind, ScriptTarget, tsc } from './morph.js';
import { keepListedNodes, listedKinds } from './node-list.js';

/**
 * ts-morph hands `target` to the parser as it is, and the parser also takes an options object there:
 * JSDoc, which nothing here reads, is then skipped, and comment-heavy files parse ~40% faster.
 * This project never builds a program or a checker (the type oracle has its own), the only other reader of `target`.
 */
const PARSE_TARGET = {
  languageVersion: ScriptTarget.ESNext,
  jsDocParsingMode: tsc.JSDocParsingMode.ParseNone,
} as unknown as ScriptTarget;

/** The deepest nesting of each file parsed here, measured while its parents were set. */
const nesting = new WeakMap<ts.SourceFile, number>();

/** How deep `sf` nests, if it was parsed by parseWithParents. */
export function nestingOf(sf: ts.SourceFile): number | undefined {
  return nesting.get(sf);
}

/**
 * ts-morph parses with the compiler's `setParentNodes`, a second walk that allocates an array per node
 * (~30% of parsing the registry tree). Here the parser runs without it and the parents are set in the
 * one walk that measures nesting anyway. Same tree, same parents (a test compares them node by node).
 */
function parseWithParents(filePath: string, text: string, scriptKind: ScriptKind | undefined): ts.SourceFile {
  const sf = tsc.createSourceFile(filePath, text, PARSE_TARGET, false, scriptKind);
  const listed: ts.Node[] = [];
  nesting.set(sf, setParents(sf, listedKinds(tsc), listed));
  keepListedNodes(sf, listed);
  // what ts-morph's document registry sets on the files it makes
  Object.assign(sf, { version: '0', scriptSnapshot: tsc.ScriptSnapshot.fromString(text) });
  return sf;
}

export function createProject(): Project {
  const project = memoryProject({ allowJs: true, checkJs: false, target: PARSE_TARGET });
  // ts-morph makes every compiler source file through this one method of its factory (ts-morph 28)
  const factory = (project as unknown as { _context?: { compilerFactory?: Record<string, unknown> } })._context
    ?.compilerFactory;
  if (factory && typeof factory.createCompilerSourceFileFromText === 'function')
    factory.createCompilerSourceFileFromText = parseWithParents;
  return project;
}

/**
 * Sets the `parent` of every node under `root` (and of its JSDoc nodes, as the compiler does) and
 * returns the deepest level reached; with `kinds`, also puts the nodes of those kinds into `listed`,
 * in the order walk() visits them. Iterative, so any depth is safe; parallel stacks and one shared
 * callback, since this runs over every node of every parsed file.
 */
export function setParents(root: ts.Node, kinds?: Uint8Array, listed?: ts.Node[]): number {
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  let parent = root;
  let childDepth = 0;
  let deepest = 0;
  const push = (c: ts.Node): void => {
    (c as { parent: ts.Node }).parent = parent;
    nodes.push(c);
    depths.push(childDepth);
  };
  while (nodes.length > 0) {
    parent = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (kinds && kinds[parent.kind] === 1 && depth > 0) listed!.push(parent);
    childDepth = depth + 1;
    const docs = (parent as { jsDoc?: ts.Node[] }).jsDoc;
    if (docs) for (const d of docs) push(d); // under the children, so popped after them (JSDoc holds no listed kind)
    const from = nodes.length;
    parent.forEachChild(push);
    if (kinds) {
      // reversed in place, so the first child is popped first: source order, as walk() goes
      for (let i = from, j = nodes.length - 1; i < j; i++, j--) {
        const n = nodes[i];
        nodes[i] = nodes[j];
        nodes[j] = n; // (siblings share a depth: `depths` needs no swap)
      }
    }
  }
  return deepest;
}
