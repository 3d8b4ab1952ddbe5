import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ORACLE_LIB, ORACLE_LIB_PATH } from '../../src/syntax/oracle-lib.js';
import { only } from '../helpers/analyze-snippet.js';

describe("the type oracle's own library", () => {
  it('has no errors of its own, so the checker trusts every global it declares', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      compilerOptions: { noLib: true, strict: true, target: ts.ScriptTarget.ESNext, noEmit: true },
    });
    project.createSourceFile(ORACLE_LIB_PATH, ORACLE_LIB);
    const probe = project.createSourceFile(
      '/probe.ts',
      `type C = { op: 'a' } | { op: 'b' };
       declare const list: C[]; declare const set: Set<C>; declare const map: Map<string, C>;
       for (const x of list) x; for (const x of set) x; for (const [, x] of map) x;
       for (const x of list.splice(0)) x; const y = [...list, ...set.values()];
       async function f(p: Promise<C>) { const z = await p; return z; }
       const t: ReturnType<typeof setInterval> = setInterval(() => {}, 1);
       const pcm = new Int16Array(4).buffer; const data = (e: MessageEvent<Float32Array>) => e.data;`,
    );
    const messages = project
      .getPreEmitDiagnostics()
      .map(
        (d) =>
          `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()} ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, ' ')}`,
      );
    expect(messages).toEqual([]);
    expect(probe.getVariableDeclarationOrThrow('y').getType().getText()).toBe('C[]');
  });

  it.each([
    ['a Set', 'private pending = new Set<Cmd>();', 'for (const c of this.pending) this.ws.send(JSON.stringify(c));'],
    [
      'Map values',
      'private pending = new Map<string, Cmd>();',
      'for (const c of this.pending.values()) this.ws.send(JSON.stringify(c));',
    ],
    [
      'a spread copy',
      'private backlog: Cmd[] = [];',
      'for (const c of [...this.backlog]) this.ws.send(JSON.stringify(c));',
    ],
  ])('union elements read through %s', (_, field, flush) => {
    const src = `type Cmd = { op: 'subscribe' } | { op: 'unsubscribe' };
      class Feed {
        private ws = new WebSocket('wss://x');
        ${field}
        flush() { ${flush} }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe | unsubscribe'] });
  });

  it('a typed array from a helper is binary', () => {
    const src = `function encode(n: number): Uint8Array { return new Uint8Array(n); }
      const ws = new WebSocket('wss://x');
      export function frame(n: number) { const f = encode(n); ws.send(f); }`;
    expect(only(src).sends).toEqual(['binary:Uint8Array']);
  });
});
