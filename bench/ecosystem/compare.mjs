// The pure half of `npm run ecosystem`: reading the ledger of judged findings, matching a run's findings
// against it, the per-rule figures and the text report. No file system, no processes: bench/ecosystem.mjs
// does the scanning and hands the findings here.

export const VERDICTS = ['tp', 'debatable', 'fp', 'unjudged'];

/** A finding's identity across runs: repo, file, line, rule. The column and the message are left out on
 *  purpose: messages get reworded and columns move when a rule points elsewhere on the same line, and neither
 *  makes it a different finding. The commit is recorded in the ledger, not matched. */
export function keyOf({ repo, file, line, rule }) {
  return `${repo}\t${normPath(file)}\t${line}\t${rule}`;
}

export function normPath(file) {
  return String(file).replace(/\\/g, '/').replace(/^\.\//, '');
}

// Paths a reviewer reads as test code (the issue's list, plus the usual file-name forms) and as examples,
// demos, docs and playgrounds. Used only to count findings in such code; the verdicts live in the ledger.
const TEST_PATH =
  /(?:^|\/)(?:test|tests|spec|specs|__tests__|__mocks__|fixtures?|e2e|integration|cypress)\/|(?:^|\/)[^/]*-test-suite\/|[._-](?:test|tests|spec)\.[cm]?[jt]sx?$|(?:^|\/)test-suite\.[cm]?[jt]sx?$/;
const EXAMPLE_PATH = /(?:^|\/)(?:examples?|demos?|docs|playgrounds?|samples?|sandbox)\//;

/** 'test', 'example' or 'product': where a finding's file sits, by path alone. */
export function pathKind(file) {
  const f = normPath(file);
  if (TEST_PATH.test(f)) return 'test';
  if (EXAMPLE_PATH.test(f)) return 'example';
  return 'product';
}

/** Checks the ledger's shape; returns a list of problems (empty when it is usable). */
export function validateLedger(ledger) {
  const problems = [];
  if (!ledger || typeof ledger !== 'object') return ['the ledger is not a JSON object'];
  if (!ledger.repos || typeof ledger.repos !== 'object') problems.push('`repos` (owner/name → commit) is missing');
  if (!Array.isArray(ledger.findings)) return [...problems, '`findings` is not an array'];
  const seen = new Set();
  ledger.findings.forEach((e, i) => {
    const at = `findings[${i}]`;
    for (const field of ['repo', 'commit', 'file', 'rule', 'reason']) {
      if (typeof e?.[field] !== 'string') problems.push(`${at}: \`${field}\` must be a string`);
    }
    if (!Number.isInteger(e?.line) || e.line < 1) problems.push(`${at}: \`line\` must be a positive integer`);
    if (!VERDICTS.includes(e?.verdict)) problems.push(`${at}: \`verdict\` must be one of ${VERDICTS.join(', ')}`);
    if (e?.verdict !== 'unjudged' && typeof e?.reason === 'string' && !e.reason.trim())
      problems.push(`${at}: a judged finding needs a reason`);
    if (e?.causes !== undefined && !(Array.isArray(e.causes) && e.causes.every((c) => typeof c === 'string')))
      problems.push(`${at}: \`causes\` must be a list of strings`);
    if (ledger.repos && typeof e?.repo === 'string' && !(e.repo in ledger.repos))
      problems.push(`${at}: repo ${e.repo} is not in \`repos\``);
    for (const c of Array.isArray(e?.causes) ? e.causes : [])
      if (!ledger.causes?.[c]) problems.push(`${at}: cause \`${c}\` is not described in \`causes\``);
    if (
      typeof e?.repo === 'string' &&
      typeof e?.file === 'string' &&
      Number.isInteger(e?.line) &&
      typeof e?.rule === 'string'
    ) {
      const key = keyOf(e);
      if (seen.has(key)) problems.push(`${at}: a second entry for ${e.repo} ${e.file}:${e.line} ${e.rule}`);
      seen.add(key);
    }
  });
  return problems;
}

/**
 * Matches a run's findings against the ledger.
 * @param findings [{ repo, file, line, rule, message }] from the scanned repositories
 * @param ledger   { repos, findings: [entry] }
 * @param scanned  the repos that were scanned (entries of other repos are neither present nor vanished)
 */
export function compare(findings, ledger, scanned) {
  const byKey = new Map(ledger.findings.map((e) => [keyOf(e), e]));
  const scannedSet = new Set(scanned);
  const presentKeys = new Set();
  const present = []; // every finding of this run, with its ledger entry (if any)
  for (const f of findings) {
    const key = keyOf(f);
    if (presentKeys.has(key)) continue; // one rule, one line: one finding
    presentKeys.add(key);
    const entry = byKey.get(key);
    present.push({
      ...f,
      file: normPath(f.file),
      entry,
      verdict: entry ? entry.verdict : 'new',
      kind: pathKind(f.file),
    });
  }
  const vanished = ledger.findings.filter((e) => scannedSet.has(e.repo) && !presentKeys.has(keyOf(e)));
  const fresh = present.filter((p) => !p.entry);
  // a new finding near a vanished one of the same rule and file is probably the same one, moved
  for (const n of fresh) {
    const near = vanished.find(
      (v) => v.repo === n.repo && normPath(v.file) === n.file && v.rule === n.rule && Math.abs(v.line - n.line) <= 3,
    );
    if (near) n.movedFrom = near.line;
  }
  return {
    present,
    fresh,
    vanished,
    tpVanished: vanished.filter((e) => e.verdict === 'tp'),
    fpPresent: present.filter((p) => p.verdict === 'fp'),
    unjudgedPresent: present.filter((p) => p.verdict === 'unjudged'),
  };
}

const ratio = (n, d) => (d ? n / d : null);

/** Per-rule figures over the present findings. Precision is over the judged ones (tp, debatable, fp). */
export function perRule(result, ruleIds) {
  const rows = new Map();
  const row = (rule) => {
    if (!rows.has(rule))
      rows.set(rule, {
        rule,
        findings: 0,
        tp: 0,
        debatable: 0,
        fp: 0,
        unjudged: 0,
        test: 0,
        example: 0,
        vanishedTp: 0,
        vanishedFp: 0,
      });
    return rows.get(rule);
  };
  for (const id of ruleIds) row(id);
  for (const p of result.present) {
    const r = row(p.rule);
    r.findings++;
    if (p.verdict === 'new' || p.verdict === 'unjudged') r.unjudged++;
    else r[p.verdict]++;
    if (p.kind === 'test') r.test++;
    if (p.kind === 'example') r.example++;
  }
  for (const e of result.vanished) {
    if (e.verdict === 'tp') row(e.rule).vanishedTp++;
    if (e.verdict === 'fp') row(e.rule).vanishedFp++;
  }
  const out = [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  const total = {
    rule: 'all rules',
    findings: 0,
    tp: 0,
    debatable: 0,
    fp: 0,
    unjudged: 0,
    test: 0,
    example: 0,
    vanishedTp: 0,
    vanishedFp: 0,
  };
  for (const r of out) for (const k of Object.keys(total)) if (k !== 'rule') total[k] += r[k];
  for (const r of [...out, total]) {
    const judged = r.tp + r.debatable + r.fp;
    r.precision = ratio(r.tp, judged);
    r.precisionLenient = ratio(r.tp + r.debatable, judged);
  }
  return { rules: out, total };
}

/**
 * What each rule's figures would become if the findings with a given cause stopped being reported: for
 * each cause alone, and for all causes together. Read from the ledger entries' `causes` (the diagnosis).
 */
export function projections(result, ruleIds, ledger) {
  const causes = new Set();
  for (const p of result.present) for (const c of p.entry?.causes ?? []) causes.add(c);
  const figures = (drop) => {
    const kept = { ...result, present: result.present.filter((p) => !drop(p)) };
    return perRule(kept, ruleIds);
  };
  const byCause = [...causes].sort().map((cause) => {
    const hits = result.present.filter((p) => p.entry?.causes?.includes(cause));
    return {
      cause,
      fix: ledger.causes?.[cause]?.fix ?? null,
      findings: hits.length,
      byVerdict: countBy(hits, (p) => p.verdict),
      byRule: countBy(hits, (p) => p.rule),
      figures: figures((p) => p.entry?.causes?.includes(cause)),
    };
  });
  // "all fixed" drops only what a proposed fix would remove: causes that have one, on findings not judged tp
  const fixable = (c) => Boolean(ledger.causes?.[c]?.fix);
  const all = figures((p) => p.verdict !== 'tp' && (p.entry?.causes ?? []).some(fixable));
  return { byCause, all };
}

function countBy(list, f) {
  const out = {};
  for (const x of list) out[f(x)] = (out[f(x)] ?? 0) + 1;
  return out;
}

/** Entries to append for findings the ledger does not hold yet, to be judged by a person. */
export function unjudgedEntries(fresh, repos) {
  return fresh.map((f) => ({
    repo: f.repo,
    commit: repos[f.repo] ?? '',
    file: f.file,
    line: f.line,
    rule: f.rule,
    verdict: 'unjudged',
    reason: '',
  }));
}

/** The ledger with new entries merged in, in a stable order (repo, file, line, rule). */
export function mergeLedger(ledger, added) {
  const findings = [...ledger.findings, ...added].sort(
    (a, b) =>
      a.repo.localeCompare(b.repo) ||
      normPath(a.file).localeCompare(normPath(b.file)) ||
      a.line - b.line ||
      a.rule.localeCompare(b.rule),
  );
  return { ...ledger, findings };
}

const pct = (x) => (x === null ? '   -' : `${Math.round(x * 100)}%`.padStart(4));

/** The summary table, one line per rule and a total. */
export function formatTable({ rules, total }) {
  const head = ['rule', 'findings', 'tp', 'deb', 'fp', 'new', 'tp%', 'tp+deb%', 'in tests', 'in examples'];
  const line = (r) =>
    [
      r.rule.padEnd(24),
      String(r.findings).padStart(8),
      String(r.tp).padStart(4),
      String(r.debatable).padStart(4),
      String(r.fp).padStart(4),
      String(r.unjudged).padStart(4),
      pct(r.precision).padStart(5),
      pct(r.precisionLenient).padStart(8),
      String(r.test).padStart(9),
      String(r.example).padStart(12),
    ].join(' ');
  return [
    [
      head[0].padEnd(24),
      head[1].padStart(8),
      ...head.slice(2, 6).map((h) => h.padStart(4)),
      head[6].padStart(5),
      head[7].padStart(8),
      head[8].padStart(9),
      head[9].padStart(12),
    ].join(' '),
    ...rules.map(line),
    line(total),
  ].join('\n');
}

const where = (x) => `${x.repo} ${normPath(x.file)}:${x.line}`;

/** The changes against the ledger, as text. messageWidth: how much of a new finding's message to show. */
export function formatChanges(result, { messageWidth = 100, listFp = false } = {}) {
  const out = [];
  const head = (s) => out.push('', s);
  head(
    `new findings to judge (${result.fresh.length}${result.unjudgedPresent.length ? `; ${result.unjudgedPresent.length} more in the ledger as unjudged` : ''})`,
  );
  for (const n of result.fresh) {
    const msg = String(n.message ?? '').replace(/\s+/g, ' ');
    const moved = n.movedFrom ? ` [moved from line ${n.movedFrom}?]` : '';
    out.push(
      `  + ${n.rule}  ${where(n)}${moved}  ${msg.length > messageWidth ? `${msg.slice(0, messageWidth - 1)}…` : msg}`,
    );
  }
  for (const n of result.unjudgedPresent) out.push(`  ? ${n.rule}  ${where(n)}  (unjudged in the ledger)`);
  const vanishedBy = (v) => result.vanished.filter((e) => e.verdict === v);
  head(`judged tp that vanished: ${vanishedBy('tp').length}${vanishedBy('tp').length ? '  (regressions)' : ''}`);
  for (const e of vanishedBy('tp')) out.push(`  - ${e.rule}  ${where(e)}  ${e.reason}`);
  head(`judged debatable that vanished: ${vanishedBy('debatable').length}`);
  for (const e of vanishedBy('debatable')) out.push(`  - ${e.rule}  ${where(e)}  ${e.reason}`);
  head(`judged fp that vanished (fixed): ${vanishedBy('fp').length}`);
  for (const e of vanishedBy('fp')) out.push(`  - ${e.rule}  ${where(e)}`);
  if (vanishedBy('unjudged').length) {
    head(`unjudged ledger entries that vanished: ${vanishedBy('unjudged').length}`);
    for (const e of vanishedBy('unjudged')) out.push(`  - ${e.rule}  ${where(e)}`);
  }
  const fpByRule = countBy(result.fpPresent, (p) => p.rule);
  head(
    `judged fp still reported: ${result.fpPresent.length}${
      result.fpPresent.length
        ? `  (${Object.entries(fpByRule)
            .map(([r, n]) => `${r} ${n}`)
            .join(', ')})`
        : ''
    }`,
  );
  if (listFp) for (const p of result.fpPresent) out.push(`  ! ${p.rule}  ${where(p)}  ${p.entry.reason}`);
  return out.join('\n').replace(/^\n/, '');
}

/** The cause table: per cause, how many present findings carry it, and each rule's precision if it were fixed. */
export function formatProjections({ byCause, all }, current) {
  const out = ['cause (fp and debatable findings; one finding can have several)     findings  by rule'];
  for (const c of byCause) {
    const verdicts = Object.entries(c.byVerdict)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ');
    out.push(
      `  ${c.cause.padEnd(32)} ${String(c.findings).padStart(4)} (${verdicts})  ${Object.entries(c.byRule)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')}${c.fix ? '' : '  [no fix proposed]'}`,
    );
  }
  out.push(
    '',
    'per rule, tp% / tp+deb% over the findings left: now, if all proposed fixes landed, and if each cause alone stopped being reported',
  );
  const rules = current.rules.filter((r) => r.findings > 0).map((r) => r.rule);
  const cell = (fig, rule) => {
    const r = fig.rules.find((x) => x.rule === rule);
    return r.findings ? `${pct(r.precision).trim()}/${pct(r.precisionLenient).trim()} of ${r.findings}` : 'none left';
  };
  for (const rule of rules) {
    out.push(`  ${rule}: now ${cell(current, rule)}; all fixed ${cell(all, rule)}`);
    for (const c of byCause)
      if (c.byRule[rule]) out.push(`      ${c.cause}${c.fix ? '' : ' (no fix proposed)'}: ${cell(c.figures, rule)}`);
  }
  return out.join('\n');
}
