import { describe, expect, it } from 'vitest';
import { analyze } from '../src/scan/analyze.js';
import { ModuleResolver } from '../src/scan/resolve-module.js';

describe('how the scan parses', () => {
  it('skips JSDoc (never read) but parses the code as ESNext, and the analysis is unchanged', () => {
    const text = '/** The feed. @type {WebSocket} */\nconst ws = new WebSocket("wss://x");\nws.onopen = () => ws.send("ping");\n';
    const result = analyze([{ absPath: '/a.js', relPath: 'a.js', text }], new ModuleResolver(['/a.js']), { extraVerbs: [] });
    const sf = result.parsed[0].sourceFile.compilerNode;
    // if a ts-morph upgrade stops passing `target` through to the parser, this fails first
    expect((sf.statements[0] as { jsDoc?: unknown[] }).jsDoc).toBeUndefined();
    expect(sf.languageVersion).toBe(99);
    expect(result.sockets.map((s) => [s.line, s.verdict])).toEqual([[2, 'control-only']]);
  });
});
