import { check } from './rule-context.js';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import type { Finding, Socket } from '../../src/model.js';
import type { RuleModule } from '../../src/rule-api.js';

/** Analyses in-memory files (path → text) as the scanner would, without touching the disk. */
export function analyzeFiles(files: Record<string, string>, extraVerbs: string[] = []): Socket[] {
  const sources = Object.entries(files).map(([rel, text]) => ({ absPath: `/virtual/${rel}`, relPath: rel, text }));
  const resolver = new ModuleResolver(sources.map((s) => s.absPath));
  const { sockets, notes } = analyseSources(sources, resolver, { extraVerbs });
  const internal = notes.filter((n) => n.kind === 'analyzer-error');
  if (internal.length) throw new Error(internal.map((n) => `${n.file}: ${n.message}`).join('\n'));
  return sockets;
}

/** One socket's verdict and its sends as `kind:label`, for compact assertions. */
export function summary(socket: Socket): { verdict: string; sends: string[] } {
  return { verdict: socket.verdict, sends: socket.sends.map((s) => `${s.kind}:${s.label}`) };
}

/** The one socket a single-socket snippet holds. */
export function only(
  files: Record<string, string> | string,
  extraVerbs: string[] = [],
): { verdict: string; sends: string[] } {
  const sockets = analyzeFiles(typeof files === 'string' ? { 'src/a.ts': files } : files, extraVerbs);
  if (sockets.length !== 1) throw new Error(`expected one socket, found ${sockets.length}`);
  return summary(sockets[0]);
}

/** Runs one rule over in-memory files as the scanner would: sockets, the files its hint picks, ts-morph. */
export function runRule(
  rule: RuleModule,
  files: Record<string, string>,
  extraVerbs: string[] = [],
): Promise<Finding[]> {
  return Promise.resolve(check(rule, files, {}, extraVerbs));
}
