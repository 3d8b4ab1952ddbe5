import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without type declarations
import * as eco from '../../bench/ecosystem/compare.mjs';

const repos = { 'a/app': 'c1', 'b/lib': 'c2' };
const causes = {
  'test-code': { shape: 'tests', fix: 'skip tests' },
  'opt-in': { shape: 'a setting', fix: null },
};
const entry = (over: Record<string, unknown>) => ({
  repo: 'a/app',
  commit: 'c1',
  file: 'src/a.ts',
  line: 1,
  rule: 'r1',
  verdict: 'tp',
  reason: 'why',
  ...over,
});
const finding = (over: Record<string, unknown>) => ({
  repo: 'a/app',
  file: 'src/a.ts',
  line: 1,
  rule: 'r1',
  message: 'm',
  ...over,
});

describe('ecosystem ledger matching', () => {
  it('identifies a finding by repo, file, line and rule, not by column, message or path spelling', () => {
    const k = eco.keyOf(entry({}));
    expect(eco.keyOf({ ...finding({ file: './src/a.ts' }), column: 9, message: 'reworded' })).toBe(k);
    expect(eco.keyOf(finding({ file: 'src\\a.ts' }))).toBe(k);
    expect(eco.keyOf(finding({ line: 2 }))).not.toBe(k);
    expect(eco.keyOf(finding({ rule: 'r2' }))).not.toBe(k);
    expect(eco.keyOf(finding({ repo: 'b/lib' }))).not.toBe(k);
  });

  it('sorts paths into test, example and product code', () => {
    for (const f of [
      'test/unit/comms_spec.js',
      'src/test/tests.ts',
      'packages/x/test/uws.ts',
      'test/fixtures/client.js',
      'a/__tests__/b.ts',
      'docs/protocol/v3-test-suite/test-suite.js',
      'src/socket.test.ts',
      'todo.tests.ts',
      'e2e/run.js',
    ])
      expect(eco.pathKind(f), f).toBe('test');
    for (const f of ['examples/chat/index.js', 'demo/client/client.ts', 'playground/hmr/main.ts', 'docs/guide.ts'])
      expect(eco.pathKind(f), f).toBe('example');
    for (const f of [
      'src/client.ts',
      'lib/latest.js',
      'src/contest/feed.ts',
      'src/attestation.ts',
      'web/src/app/Connection.js',
    ])
      expect(eco.pathKind(f), f).toBe('product');
  });

  it('reports what is new, what vanished, judged tp lost and judged fp still present', () => {
    const ledger = {
      repos,
      causes,
      findings: [
        entry({ line: 1, verdict: 'tp' }),
        entry({ line: 2, verdict: 'fp', causes: ['test-code'] }),
        entry({ line: 3, verdict: 'tp' }),
        entry({ line: 4, verdict: 'fp' }),
        entry({ repo: 'b/lib', commit: 'c2', line: 1, verdict: 'tp' }),
      ],
    };
    const run = [finding({ line: 1 }), finding({ line: 2 }), finding({ line: 5 }), finding({ line: 5 })];
    const r = eco.compare(run, ledger, ['a/app']);
    expect(r.present.map((p: { line: number }) => p.line)).toEqual([1, 2, 5]); // one rule, one line: one finding
    expect(r.fresh.map((p: { line: number }) => p.line)).toEqual([5]);
    expect(r.fresh[0].movedFrom).toBe(3); // line 3 vanished two lines above
    expect(r.vanished.map((e: { line: number }) => e.line)).toEqual([3, 4]); // b/lib was not scanned: not vanished
    expect(r.tpVanished.map((e: { line: number }) => e.line)).toEqual([3]);
    expect(r.fpPresent.map((p: { line: number }) => p.line)).toEqual([2]);
  });

  it('computes precision over the judged findings, per rule and in total', () => {
    const ledger = {
      repos,
      causes,
      findings: [
        entry({ line: 1, verdict: 'tp' }),
        entry({ line: 2, verdict: 'debatable', causes: ['opt-in'] }),
        entry({ line: 3, verdict: 'fp', causes: ['test-code'], file: 'test/a.ts' }),
        entry({ line: 4, verdict: 'tp', rule: 'r2' }),
      ],
    };
    const run = [1, 2]
      .map((line) => finding({ line }))
      .concat(finding({ line: 3, file: 'test/a.ts' }), finding({ line: 4, rule: 'r2' }), finding({ line: 9 }));
    const r = eco.compare(run, ledger, ['a/app']);
    const { rules, total } = eco.perRule(r, ['r1', 'r2', 'r3']);
    const r1 = rules.find((x: { rule: string }) => x.rule === 'r1');
    expect(r1).toMatchObject({ findings: 4, tp: 1, debatable: 1, fp: 1, unjudged: 1, test: 1 });
    expect(r1.precision).toBeCloseTo(1 / 3);
    expect(r1.precisionLenient).toBeCloseTo(2 / 3);
    expect(rules.find((x: { rule: string }) => x.rule === 'r3')).toMatchObject({ findings: 0, precision: null });
    expect(total).toMatchObject({ findings: 5, tp: 2, debatable: 1, fp: 1, unjudged: 1 });
    expect(eco.formatTable({ rules, total })).toContain('r3');

    // the projection drops only findings whose cause has a fix, and never a tp
    const p = eco.projections(r, ['r1', 'r2', 'r3'], ledger);
    const allR1 = p.all.rules.find((x: { rule: string }) => x.rule === 'r1');
    expect(allR1).toMatchObject({ findings: 3, tp: 1, debatable: 1, fp: 0 });
    expect(p.byCause.map((c: { cause: string; findings: number }) => [c.cause, c.findings])).toEqual([
      ['opt-in', 1],
      ['test-code', 1],
    ]);
  });

  it('rejects a malformed ledger with a reason', () => {
    expect(eco.validateLedger({ repos, causes, findings: [entry({})] })).toEqual([]);
    expect(eco.validateLedger({ repos, causes, findings: [entry({}), entry({ reason: 'again' })] }).join()).toMatch(
      /second entry/,
    );
    expect(eco.validateLedger({ repos, causes, findings: [entry({ verdict: 'maybe' })] }).join()).toMatch(/verdict/);
    expect(eco.validateLedger({ repos, causes, findings: [entry({ reason: ' ' })] }).join()).toMatch(/needs a reason/);
    expect(eco.validateLedger({ repos, causes, findings: [entry({ verdict: 'unjudged', reason: '' })] })).toEqual([]);
    expect(eco.validateLedger({ repos, causes, findings: [entry({ causes: ['nope'] })] }).join()).toMatch(
      /not described/,
    );
    expect(eco.validateLedger({ repos, causes, findings: [entry({ repo: 'c/other' })] }).join()).toMatch(
      /not in `repos`/,
    );
    expect(eco.validateLedger({ repos, causes, findings: [entry({ line: 0 })] }).join()).toMatch(/line/);
    expect(eco.validateLedger([])).not.toEqual([]);
  });

  it('adds new findings as unjudged entries, in a stable order', () => {
    const ledger = { repos, causes, findings: [entry({ line: 7 })] };
    const added = eco.unjudgedEntries(
      [{ ...finding({ line: 3 }), kind: 'product' }, finding({ repo: 'b/lib', line: 1 })],
      repos,
    );
    expect(added[0]).toEqual({
      repo: 'a/app',
      commit: 'c1',
      file: 'src/a.ts',
      line: 3,
      rule: 'r1',
      verdict: 'unjudged',
      reason: '',
    });
    const merged = eco.mergeLedger(ledger, added);
    expect(merged.findings.map((e: { repo: string; line: number }) => `${e.repo}:${e.line}`)).toEqual([
      'a/app:3',
      'a/app:7',
      'b/lib:1',
    ]);
    expect(eco.validateLedger(merged)).toEqual([]);
  });

  it('lists new findings with the head of their message, and the regressions', () => {
    const ledger = { repos, causes, findings: [entry({ line: 1, verdict: 'tp', reason: 'a real one' })] };
    const text = eco.formatChanges(eco.compare([finding({ line: 20, message: 'x'.repeat(300) })], ledger, ['a/app']), {
      messageWidth: 40,
    });
    expect(text).toContain(`+ r1  a/app src/a.ts:20  ${'x'.repeat(39)}…`);
    expect(text).toMatch(/judged tp that vanished: 1 {2}\(regressions\)\n {2}- r1 {2}a\/app src\/a.ts:1 {2}a real one/);
  });
});
