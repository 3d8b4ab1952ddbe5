// A structural check of a SARIF 2.1.0 log as GitHub code scanning reads it, cheap enough to run on every
// fuzz case (the official validator is a .NET tool taking seconds; it runs on a sample).
interface Problem {
  path: string;
  why: string;
}

function isInt(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** Every problem found; [] for a well-formed log. */
export function sarifProblems(text: string): Problem[] {
  const out: Problem[] = [];
  const bad = (path: string, why: string) => out.push({ path, why });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a log of unknown shape, checked here field by field
  let log: any;
  try {
    log = JSON.parse(text);
  } catch (err) {
    return [{ path: '$', why: `not JSON: ${(err as Error).message}` }];
  }
  if (log?.version !== '2.1.0') bad('$.version', 'not 2.1.0');
  if (typeof log?.$schema !== 'string') bad('$.$schema', 'missing');
  if (!Array.isArray(log?.runs) || log.runs.length !== 1) return [...out, { path: '$.runs', why: 'not one run' }];
  const run = log.runs[0];
  const driver = run?.tool?.driver;
  if (typeof driver?.name !== 'string') bad('$.runs[0].tool.driver.name', 'missing');
  const ruleIds: string[] = Array.isArray(driver?.rules) ? driver.rules.map((r: { id?: unknown } | null) => r?.id) : [];
  if (ruleIds.some((id) => typeof id !== 'string')) bad('$.runs[0].tool.driver.rules', 'rule without id');
  if (!Array.isArray(run.results)) bad('$.runs[0].results', 'not an array');
  for (const [i, r] of (run.results ?? []).entries()) {
    const at = `$.runs[0].results[${i}]`;
    if (typeof r?.ruleId !== 'string') bad(`${at}.ruleId`, 'missing');
    if (r?.ruleIndex !== undefined && ruleIds[r.ruleIndex] !== r.ruleId)
      bad(`${at}.ruleIndex`, 'does not point at its rule');
    if (!['error', 'warning', 'note', 'none'].includes(r?.level)) bad(`${at}.level`, String(r?.level));
    if (typeof r?.message?.text !== 'string' || r.message.text === '') bad(`${at}.message.text`, 'empty');
    const locs = [...(r?.locations ?? []), ...(r?.relatedLocations ?? [])];
    if ((r?.locations ?? []).length !== 1) bad(`${at}.locations`, 'not exactly one');
    for (const [j, loc] of locs.entries()) {
      const pl = loc?.physicalLocation;
      if (typeof pl?.artifactLocation?.uri !== 'string' || /^\/|\\|^[a-z]+:/i.test(pl.artifactLocation.uri)) {
        bad(`${at}.locations[${j}].uri`, `not a relative URI: ${pl?.artifactLocation?.uri}`);
      }
      if (!isInt(pl?.region?.startLine, 1) || !isInt(pl?.region?.startColumn, 1))
        bad(`${at}.locations[${j}].region`, JSON.stringify(pl?.region));
    }
    if (typeof r?.partialFingerprints?.primaryLocationLineHash !== 'string')
      bad(`${at}.partialFingerprints`, 'missing');
  }
  const inv = run.invocations?.[0];
  if (typeof inv?.executionSuccessful !== 'boolean') bad('$.runs[0].invocations[0].executionSuccessful', 'missing');
  for (const [i, n] of (inv?.toolExecutionNotifications ?? []).entries()) {
    if (typeof n?.message?.text !== 'string')
      bad(`$.runs[0].invocations[0].toolExecutionNotifications[${i}]`, 'no message');
  }
  return out;
}
