// One group's sources as the rules see them: each file parsed once into one project, the socket files
// indexed (imports, exports, calls) and their sockets analysed. Loaded only when some file needs parsing,
// so a socket-free tree never loads ts-morph.
import type { SourceFile } from 'ts-morph';
import { errorLine } from '../errors.js';
import type { FileNote, Socket } from '../model.js';
import type { ParsedFile } from '../rule-api.js';
import { analyseSockets, type SocketOptions } from '../sockets/analyse-sockets.js';
import { ScriptKind, type Project } from '../syntax/morph.js';
import { createProject, nestingOf, setParents } from '../syntax/parse.js';
import { indexFile, linksOf, ProjectIndex } from '../syntax/project-index.js';
import type { ModuleResolver } from '../syntax/resolve-module.js';
import { timed } from '../timing.js';
import { scriptKindFor, type ScriptKindName, type SourceText } from './read-source.js';

/**
 * Syntax-tree depth past which a file is skipped with a note. Real code, bundles included, stays under ~250; past a
 * few hundred levels the per-send scope and type walks turn quadratic and ts-morph's recursion nears the stack limit.
 */
const MAX_NESTING = 500;

const SCRIPT_KINDS: Record<ScriptKindName, ScriptKind> = {
  ts: ScriptKind.TS,
  tsx: ScriptKind.TSX,
  js: ScriptKind.JS,
  jsx: ScriptKind.JSX,
};

/** Parses one file into `project`, or notes why it is skipped (too deep for the parser or the analysis). */
function parseInto(project: Project, f: SourceText, notes: FileNote[]): SourceFile | undefined {
  const kind = SCRIPT_KINDS[scriptKindFor(f.absPath)];
  // .vue / .svelte scripts (blanked around) go in under a name the compiler accepts
  const projectPath = /\.(?:vue|svelte)$/i.test(f.absPath)
    ? `${f.absPath}.ts`
    : /\.html?$/i.test(f.absPath)
      ? `${f.absPath}.js`
      : f.absPath;
  let sf: SourceFile;
  try {
    sf = timed('parse', () => project.createSourceFile(projectPath, f.text, { overwrite: true, scriptKind: kind }));
  } catch (err) {
    // the TypeScript parser recurses: hundreds of nested parentheses overflow it; that is the file, not us
    const overflow = err instanceof RangeError && /call stack/i.test(err.message);
    notes.push(
      overflow
        ? { file: f.relPath, kind: 'skipped', message: 'nested too deeply for the parser' }
        : internalError(f.relPath, err),
    );
    return undefined;
  }
  // Parsed, but deeper than the analysis (ts-morph, scope walks, the checker) can take in time and stack.
  if ((nestingOf(sf.compilerNode) ?? setParents(sf.compilerNode)) > MAX_NESTING) {
    project.removeSourceFile(sf);
    notes.push({
      file: f.relPath,
      kind: 'skipped',
      message: `nested more than ${MAX_NESTING} levels deep: too deep to analyse`,
    });
    return undefined;
  }
  return sf;
}

export interface SourcesAnalysis {
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
export function analyseSources(
  files: SourceText[],
  resolver: ModuleResolver,
  options: SocketOptions,
  ruleOnly: SourceText[] = [],
): SourcesAnalysis {
  const project = createProject();
  const index = new ProjectIndex(options.open);
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

  const sockets = analyseSockets(index, options, notes);
  const links = [...index.files.values()].flatMap((info) => linksOf(info));
  return { sockets, notes, parsed, links };
}

function syntaxNote(file: string): FileNote {
  return { file, kind: 'syntax-error', message: 'analysed as far as the parser recovered' };
}

function hasParseErrors(sf: SourceFile): boolean {
  return ((sf.compilerNode as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** An unexpected failure on one file: reported with its path, the scan goes on, the exit code says so. */
function internalError(file: string, err: unknown): FileNote {
  return { file, kind: 'analyzer-error', message: `internal analyzer error: ${errorLine(err)}` };
}
