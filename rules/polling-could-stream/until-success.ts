// A poll that stops at its first successful answer waits for something (a restarted server, a job
// being ready); nothing could push to it meanwhile, so it is no stream in disguise.
import type { ts as TsNamespace } from 'ts-morph';
import type { TS } from '../../src/syntax/values.js';
import { walk } from '../../src/syntax/walk.js';

type Node = TsNamespace.Node;

/** A test of a successful answer: `res.ok`, `status === 200`, `data.ready`. */
const SUCCESS =
  /\.ok\b|\bstatus(?:Code)?\s*(?:===?|>=?)\s*20\d|\b(?:ready|isReady|healthy|isHealthy|alive|isAlive|online|available)\b/;
const CLEAR = /\bclear(?:Interval|Timeout)\s*\(/;
/** `this.waiting = false`, `polling = true`: a flag the poll's own rescheduling may read. */
const FLAG = /([\w$]+(?:\.[\w$]+)*)\s*=\s*(?:false|true)\b/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the success branch of `body` ends the poll: it clears the timer, leaves the loop or the
 * rescheduling callback (`stop` allows `return`/`break`), or sets a flag that a condition elsewhere in
 * the poll (`if (this.waiting) schedule()`, `while (!done)`) reads.
 */
export function stopsOnSuccess(ts: TS, body: Node, returnStops: boolean, loopCondition?: Node): boolean {
  let stops = false;
  walk(body, (n) => {
    if (stops) return false;
    if (!ts.isIfStatement(n) || !SUCCESS.test(n.expression.getText())) return;
    const then = n.thenStatement.getText();
    if (CLEAR.test(then) || (returnStops && /\b(?:return|break)\b/.test(then))) {
      stops = true;
      return false;
    }
    const rest = (loopCondition?.getText() ?? '') + '\n' + body.getText().replace(then, '');
    for (const [, flag] of then.matchAll(FLAG)) {
      if (new RegExp(`(?:if|while)\\s*\\(\\s*!?\\s*${escape(flag)}\\b|^!?\\s*${escape(flag)}\\b`, 'm').test(rest)) {
        stops = true;
        return false;
      }
    }
  });
  return stops;
}
