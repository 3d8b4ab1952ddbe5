// The socket analysis of one group of parsed, indexed files: every socket its files create, followed to
// its sends, which are classified (by syntax, or by the type oracle when syntax cannot tell), and its
// reconnection judged. An unexpected error stays with the file it happened in, as an analyzer-error note.
import { errorLine } from '../errors.js';
import type { FileNote, Socket } from '../model.js';
import { Node } from '../syntax/morph.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { resolveIdentifier } from '../syntax/references.js';
import { isFunctionLike } from '../syntax/call-sites.js';
import { TypeOracle } from '../syntax/type-oracle.js';
import { timed } from '../timing.js';
import type { Classified } from './classify-payload.js';
import { binaryByAnnotation, classifyType } from './classify-type.js';
import { findSockets, type SocketSite } from './find-sockets.js';
import { fieldsReadBy } from './incoming-fields.js';
import { SocketFollower, type TypeQuestions } from './follow-socket.js';
import { reconnectsOf } from './reconnect.js';
import { locate, sendsOf, verdictOf, type SendContext } from './resolve-sends.js';
import { wrapperSites, wrapperSockets } from './wrap-sockets.js';

export interface SocketOptions {
  /** verbs the user added to the control vocabulary */
  extraVerbs: readonly string[];
  /** files (relative paths) whose own sockets are not reported: tests, and files read for context only */
  notReported?: ReadonlySet<string>;
  /** files (absolute paths) that some file not parsed imports: their exports' callers are not all seen */
  open?: ReadonlySet<string>;
  /** files (absolute paths) that may run store actions by name; unknown (undefined): any file may */
  storeRunners?: ReadonlySet<string>;
}

/** Every socket the indexed files create, analysed; failures are noted per file in `notes`. */
export function analyseSockets(index: ProjectIndex, options: SocketOptions, notes: FileNote[]): Socket[] {
  const oracle = new TypeOracle(index);
  // a store's send is judged by its `dispatch` callers only when every file that may dispatch is in this analysis
  index.storeRunnersUnseen = options.storeRunners ? [...options.storeRunners].some((p) => !index.files.has(p)) : true;
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

  const types: TypeQuestions = {
    expectsUnknown(arg: Node): boolean {
      try {
        return timed('type oracle', () => oracle.expectedTypeOf(arg, /\bunknown\b/)?.isUnknown() ?? false);
      } catch {
        return false; // the checker can throw on trees the parser repaired
      }
    },
  };

  try {
    return socketsOf(index, ctx, types, notes, options.notReported ?? new Set());
  } finally {
    oracle.release();
  }
}

/** Every socket the indexed files create, followed to its sends, which are classified. */
function socketsOf(
  index: ProjectIndex,
  ctx: SendContext,
  types: TypeQuestions,
  notes: FileNote[],
  notReported: ReadonlySet<string>,
): Socket[] {
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
      const follower = new SocketFollower(site.flavor, index, undefined, types);
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
        // `if (a) this.ws = new X(url, p); else this.ws = new X(url)`: fallback paths are sockets of their own
        if (!alternatives(sameHolder[0], site.node)) continue;
      }
      const creations: Node[] = sameHolder ?? [site.node];
      if (follower.holder && !sameHolder) holders.set(follower.holder, creations);
      followed.push({ site, follower, creations });
      for (const use of follower.uses) if (use.kind === 'send') ctx.directSends.add(use.call);
    }
  }
  const sockets: Socket[] = [];
  /** wrapper instances already reported (a class with two construction paths wraps one socket) */
  const wrappers = new Set<string>();
  for (const { site, follower, creations } of followed) {
    let sends;
    let reconnects: Socket['reconnects'] = 'unknown';
    let own: SendContext = ctx;
    try {
      // what this socket's handlers read tells a feed switch (`{ logs: true }`) from data
      own = { ...ctx, incomingFields: timed('incoming fields', () => fieldsReadBy(follower.readers, index)) };
      sends = timed('classify sends (type oracle included)', () =>
        dedupe(follower.uses.flatMap((use) => sendsOf(use, site.flavor, own))),
      );
    } catch (err) {
      notes.push(internalError(index.fileOf(site.node)?.relPath ?? '?', err));
      continue;
    }
    try {
      reconnects = timed('reconnects', () =>
        reconnectsOf({
          api: site.api,
          reconnectsItself: site.reconnectsItself ?? false,
          // a factory's calls make the socket again as much as its `new` does
          creations: [...creations, ...follower.factoryCalls],
          follower,
          index,
        }),
      );
    } catch (err) {
      // the socket keeps its sends and verdict; only its reconnection stays unknown
      notes.push(internalError(index.fileOf(site.node)?.relPath ?? '?', err));
    }
    const inner = { reconnects, receivesBinary: follower.receivesBinary, listens: follower.listens };
    let wrapped;
    try {
      wrapped = timed('wrapper classes', () => {
        const w = wrapperSites(site, index);
        return w && wrapperSockets(site, follower, inner, w, own);
      });
    } catch (err) {
      notes.push(internalError(index.fileOf(site.node)?.relPath ?? '?', err));
    }
    // a wrapper class whose instances are used differently (a log stream, a terminal): each instance
    // is a socket of its own where the wrapper is made; used alike, the class's socket speaks for them,
    // unless it is not reported (a class read for context, outside the scanned paths): then they speak
    const classHidden = notReported.has(index.fileOf(site.node)?.relPath ?? '');
    if (wrapped && (classHidden || new Set(wrapped.map((w) => w.verdict)).size > 1)) {
      for (const w of wrapped) {
        const key = `${w.file}:${w.line}:${w.column}`;
        if (wrappers.has(key)) continue;
        wrappers.add(key);
        sockets.push({ ...w, sends: dedupe(w.sends) });
      }
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

/** Two creations in one function body storing into one holder: alternative paths, not a re-creation. */
function alternatives(a: Node, b: Node): boolean {
  const fnOf = (n: Node) => n.getFirstAncestor((x) => isFunctionLike(x) || Node.isConstructorDeclaration(x));
  const fa = fnOf(a);
  return fa !== undefined && fa === fnOf(b);
}

/** An unexpected failure on one file: reported with its path, the scan goes on, the exit code says so. */
function internalError(file: string, err: unknown): FileNote {
  return { file, kind: 'analyzer-error', message: `internal analyzer error: ${errorLine(err)}` };
}

function dedupe<T extends { file: string; line: number; column: number; kind: string; label: string }>(
  sends: T[],
): T[] {
  const seen = new Set<string>();
  return sends
    .filter((s) => {
      const key = `${s.file}:${s.line}:${s.column}:${s.kind}:${s.label}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
