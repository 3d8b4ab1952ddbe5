// Issue 16 case 10: lookup tables are Maps, Sets or null-prototype objects, so a key from the scanned
// code or a config (`constructor`, `toString`, `__proto__`) never finds something of Object.prototype.
import { describe, expect, it } from 'vitest';
import { isControlVerb } from '../../src/sockets/vocabulary.js';
import { only } from '../helpers/analyze-snippet.js';
import { scriptKindFor } from '../../src/engine/read-source.js';
import { wildmatchSource } from '../../src/engine/gitignore.js';
import { schemaError } from '../../src/config/validate-options.js';
import { parseFileSize } from '../../src/cli/file-size.js';

const PROTO_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('prototype keys are not table entries', () => {
  it('`constructor` and friends are not control verbs', () => {
    for (const w of PROTO_KEYS) expect(isControlVerb(w), w).toBe(false);
    expect(isControlVerb('subscribe')).toBe(true);
  });

  it("`{ type: 'constructor' }` is not a control message", () => {
    const socket = only(`
      const ws = new WebSocket('wss://example.com/feed');
      ws.onmessage = (e) => console.log(e.data);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'constructor' }));
    `);
    expect(socket.sends).not.toContain('control:constructor');
    expect(socket.verdict).not.toBe('control-only');
  });

  it('a `.constructor` extension parses as JS; `[[:constructor:]]` is no character class', () => {
    expect(scriptKindFor('src/a.constructor')).toBe('js');
    expect(scriptKindFor('src/a.__proto__')).toBe('js');
    expect(wildmatchSource('[[:constructor:]]')).toBeUndefined();
    expect(wildmatchSource('[[:digit:]]')).toBeDefined();
  });

  it('a config key `constructor` is an unknown option, not a known one', () => {
    const schema = { type: 'object', properties: { verbs: { type: 'array' } }, additionalProperties: false };
    expect(schemaError({ constructor: 1 }, schema)).toMatch(/unknown option/);
    expect(schemaError({ toString: 'x' }, schema)).toMatch(/unknown option/);
    expect(schemaError({}, { type: 'object', required: ['toString'] })).toMatch(/required/);
  });

  it('sizes take only their units', () => {
    expect(parseFileSize('2mb')).toBe(2 * 1024 ** 2);
    expect(() => parseFileSize('2constructor')).toThrow(/must be a size/);
  });
});
