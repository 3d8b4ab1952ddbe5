// Parses the files that can matter, once each, and turns their sockets into analysed Socket records.
// Loaded only when some file mentions a socket API, so a socket-free tree never loads ts-morph.
import type { SourceFile, ts } from 'ts-morph';
import { memoryProject, Node, type Project, ScriptKind, ScriptTarget, tsc } from '../syntax/morph.js';
import type { ParsedFile } from '../rule-api.js';
import type { FileNote, Socket } from '../model.js';
import type { Classified } from '../sockets/classify-payload.js';
import { setParents } from '../syntax/wrap.js';
import { keepListedNodes, listedKinds } from '../syntax/node-list.js';
import { binaryByAnnotation, classifyType } from '../sockets/classify-type.js';
import { findSockets, type SocketSite } from '../sockets/find-sockets.js';
import { SocketFollower } from '../sockets/follow-socket.js';
import { indexFile, linksOf, ProjectIndex } from '../syntax/project-index.js';
import type { ModuleResolver } from '../syntax/resolve-module.js';
import { reconnectsOf } from '../sockets/reconnect.js';
import { locate, sendsOf, verdictOf, type SendContext } from '../sockets/resolve-sends.js';
import { resolveIdentifier } from '../syntax/references.js';
import { timed } from '../timing.js';
import { TypeOracle } from '../syntax/type-oracle.js';
import { scriptKindFor, type ScriptKindName } from './read-source.js';

export interface SourceText {
  absPath: string;
  relPath: string;
  text: string;
}

/**
 * Syntax-tree depth past which a file is skipped with a note. Real code, bundles included, stays under ~250; past a
 * few hundred levels the per-send scope and type walks turn quadratic and ts-morph's recursion nears the stack limit.
 */
const MAX_NESTING = 500;

const SCRIPT_KINDS: Record<ScriptKindName, ScriptKind> = { ts: ScriptKind.TS, tsx: ScriptKind.TSX, js: ScriptKind.JS, jsx: ScriptKind.JSX };

/**
 * ts-morph hands `target` to the parser as it is, and the parser also takes an options object there:
 * JSDoc, which nothing here reads, is then skipped, and comment-heavy files parse ~40% faster.
 * This project never builds a program or a checker (the type oracle has its own), the only other reader of `target`.
 */
const PARSE_TARGET = { languageVersion: ScriptTarget.ESNext, jsDocParsingMode: tsc.JSDocParsingMode.ParseNone } as unknown as ScriptTarget;

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
  const factory = (project as unknown as { _context?: { compilerFactory?: Record<string, unknown> } })._context?.compilerFactory;
  if (factory && typeof factory.createCompilerSourceFileFromText === 'function') factory.createCompilerSourceFileFromText = parseWithParents;
  return project;
}

/** Parses one file into `project`, or notes why it is skipped (too deep for the parser or the analysis). */
function parseInto(project: Project, f: SourceText, notes: FileNote[]): SourceFile | undefined {
  const kind = SCRIPT_KINDS[scriptKindFor(f.absPath)];
  // .vue / .svelte scripts (blanked around) go in under a name the compiler accepts
  const projectPath = /\.(?:vue|svelte)$/i.test(f.absPath) ? `${f.absPath}.ts` : f.absPath;
  let sf: SourceFile;
  try {
    sf = timed('parse', () => project.createSourceFile(projectPath, f.text, { overwrite: true, scriptKind: kind }));
  } catch (err) {
    // the TypeScript parser recurses: hundreds of nested parentheses overflow it; that is the file, not us
    const overflow = err instanceof RangeError && /call stack/i.test(err.message);
    notes.push(overflow ? { file: f.relPath, kind: 'skipped', message: 'nested too deeply for the parser' } : internalError(f.relPath, err));
    return undefined;
  }
  // Parsed, but deeper than the analysis (ts-morph, scope walks, the checker) can take in time and stack.
  if ((nestingOf(sf.compilerNode) ?? setParents(sf.compilerNode)) > MAX_NESTING) {
    project.removeSourceFile(sf);
    notes.push({ file: f.relPath, kind: 'skipped', message: `nested more than ${MAX_NESTING} levels deep: too deep to analyse` });
    return undefined;
  }
  return sf;
}

export interface AnalyzeOptions {
  extraVerbs: readonly string[];
}

export interface AnalyzeResult {
  sockets: Socket[];
  notes: FileNote[];
  /** every file parsed, socket files and rule-only files alike, for the file rules */
  parsed: ParsedFile[];
  /** the scanned files the socket files' syntax imports or re-exports from (the analysis may follow into them) */
  links: string[];
}

/**
 * `files` can hold sockets (and are indexed and followed); `ruleOnly` are parsed for the file rules only
 * (an SSE handler, a polling loop), so they cannot change what the socket analysis sees.
 */
export function analyze(files: SourceText[], resolver: ModuleResolver, options: AnalyzeOptions, ruleOnly: SourceText[] = []): AnalyzeResult {
  const project = createProject();
  const index = new ProjectIndex();
  const notes: FileNote[] = [];
  const parsed: ParsedFile[] = [];
  const socketFiles = new Set(files);
  for (const f of [...files, ...ruleOnly]) {
    const sf = parseInto(project, f, notes);
    if (!sf) continue;
    parsed.push({ absPath: f.absPath, relPath: f.relPath, text: f.text, sourceFile: sf });
    try {
      if (socketFiles.has(f)) {
        const info = timed('index socket files', () => indexFile(sf, f.absPath, f.relPath, resolver));
        index.add(info);
        if (info.hasSyntaxErrors) notes.push(syntaxNote(f.relPath));
      } else if (hasParseErrors(sf)) notes.push(syntaxNote(f.relPath));
    } catch (err) {
      notes.push(internalError(f.relPath, err));
    }
  }

  const oracle = new TypeOracle(index);
  const ctx: SendContext = {
    index,
    extraVerbs: options.extraVerbs,
    directSends: new Set(),
    byType(node: Node): Classified[] | undefined {
      try {
        const decl = Node.isIdentifier(node) ? resolveIdentifier(node) : undefined;
        const annotated = decl && binaryByAnnotation(decl);
        if (annotated) return annotated;
        const typed = timed('type oracle', () => oracle.typeOf(node));
        return typed && classifyType(typed.type, typed.at, ctx);
      } catch {
        return undefined; // the checker can throw on trees the parser repaired
      }
    },
  };

  let sockets: Socket[];
  try {
    sockets = socketsOf(index, ctx, notes);
  } finally {
    oracle.release();
  }
  const links = [...index.files.values()].flatMap((info) => linksOf(info));
  return { sockets, notes, parsed, links };
}

/** Every socket the indexed files create, followed to its sends, which are classified. */
function socketsOf(index: ProjectIndex, ctx: SendContext, notes: FileNote[]): Socket[] {
  // follow every socket first, so no direct send is mistaken for a wrapper's call site
  const followed: Array<{ site: SocketSite; follower: SocketFollower; creations: Node[] }> = [];
  /** holder → the creation sites storing into it, the first one reported */
  const holders = new Map<string, Node[]>();
  for (const info of index.files.values()) {
    let sites: SocketSite[] = [];
    try {
      sites = timed('find sockets', () => findSockets(info, index));
    } catch (err) {
      notes.push(internalError(info.relPath, err));
    }
    for (const site of sites) {
      const follower = new SocketFollower(site.flavor, index);
      try {
        timed('follow sockets', () => follower.followValue(site.node));
      } catch (err) {
        notes.push(internalError(info.relPath, err));
        continue;
      }
      // `ws = new WebSocket(url)` again on reconnect is the same socket: report its first creation
      const sameHolder = follower.holder ? holders.get(follower.holder) : undefined;
      if (sameHolder) {
        sameHolder.push(site.node);
        continue;
      }
      const creations: Node[] = [site.node];
      if (follower.holder) holders.set(follower.holder, creations);
      followed.push({ site, follower, creations });
      for (const use of follower.uses) if (use.kind === 'send') ctx.directSends.add(use.call);
    }
  }
  const sockets: Socket[] = [];
  for (const { site, follower, creations } of followed) {
    let sends;
    let reconnects: Socket['reconnects'] = 'unknown';
    try {
      sends = timed('classify sends (type oracle included)', () => dedupe(follower.uses.flatMap((use) => sendsOf(use, site.flavor, ctx))));
    } catch (err) {
      notes.push(internalError(index.fileOf(site.node)?.relPath ?? '?', err));
      continue;
    }
    try {
      reconnects = timed('reconnects', () => reconnectsOf({ api: site.api, reconnectsItself: site.reconnectsItself ?? false, creations, follower, index }));
    } catch (err) {
      // the socket keeps its sends and verdict; only its reconnection stays unknown
      notes.push(internalError(index.fileOf(site.node)?.relPath ?? '?', err));
    }
    sockets.push({
      ...locate(site.node, index),
      api: site.api,
      verdict: verdictOf(sends),
      confidence: site.confidence,
      constructorText: site.constructorText,
      listens: follower.listens,
      receivesBinary: follower.receivesBinary,
      reconnects,
      sends,
    });
  }
  return sockets;
}

function syntaxNote(file: string): FileNote {
  return { file, kind: 'syntax-error', message: 'analysed as far as the parser recovered' };
}

function hasParseErrors(sf: SourceFile): boolean {
  return ((sf.compilerNode as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** An unexpected failure on one file: reported with its path, the scan goes on, the exit code says so. */
function internalError(file: string, err: unknown): FileNote {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { file, kind: 'analyzer-error', message: `internal analyzer error: ${message}` };
}

function dedupe<T extends { file: string; line: number; column: number; kind: string; label: string }>(sends: T[]): T[] {
  const seen = new Set<string>();
  return sends
    .filter((s) => {
      const key = `${s.file}:${s.line}:${s.column}:${s.kind}:${s.label}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
