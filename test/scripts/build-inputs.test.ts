import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { buildInputsHash, STAMP } from '../../scripts/build-inputs.mjs';

const hashOf = buildInputsHash;

describe('build once: dist/.build-inputs', () => {
  it('the tests run against a build of exactly these sources', () => {
    expect(readFileSync(join(REPO, STAMP), 'utf8').trim()).toBe(hashOf(REPO));
  });

  it('changes with a source file, a rule or package.json, and with nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'rta-build-inputs-'));
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts', 'src', 'rules'])
      cpSync(join(REPO, f), join(root, f), { recursive: true });
    const base = hashOf(root);
    writeFileSync(join(root, 'README.md'), 'not an input');
    expect(hashOf(root)).toBe(base);
    for (const f of ['src/model.ts', 'rules/index.ts', 'package.json']) {
      const text = readFileSync(join(root, f), 'utf8');
      writeFileSync(join(root, f), `${text} `);
      expect(hashOf(root), f).not.toBe(base);
      writeFileSync(join(root, f), text);
      expect(hashOf(root)).toBe(base);
    }
  });
});
