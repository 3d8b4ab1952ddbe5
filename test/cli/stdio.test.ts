import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitWhenFlushed } from '../../src/cli/stdio.js';

/** A stream whose writes complete only when `release()` is called. */
function slowStream() {
  const pending: Array<() => void> = [];
  const stream = new Writable({ write: (_chunk, _enc, cb) => void pending.push(() => cb()) });
  return { stream, release: () => pending.splice(0).forEach((f) => f()) };
}

describe('exitWhenFlushed', () => {
  it('exits once, after every stream has handed over what was written before', async () => {
    const out = slowStream();
    const err = slowStream();
    out.stream.write('the report');
    let exits = 0;
    exitWhenFlushed([out.stream, err.stream], () => exits++);
    await new Promise((r) => setImmediate(r));
    expect(exits).toBe(0);
    out.release();
    await new Promise((r) => setImmediate(r));
    out.release(); // the empty write queued behind the report
    await new Promise((r) => setImmediate(r));
    expect(exits).toBe(0); // stderr still holds its write
    err.release();
    await new Promise((r) => setImmediate(r));
    expect(exits).toBe(1);
  });

  it('does not wait for a stream already destroyed or ended (a closed pipe)', () => {
    const closed = new PassThrough();
    closed.destroy();
    const ended = new PassThrough();
    ended.end();
    let exits = 0;
    exitWhenFlushed([closed, ended], () => exits++);
    expect(exits).toBe(1);
  });
});
