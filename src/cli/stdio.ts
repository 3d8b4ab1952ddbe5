// A reader that stops early (`rt-advisor scan | head`) closes the pipe under us: that ends the output,
// it is not a crash, so no "Unhandled 'error' event" stack trace. The run still finishes and sets
// the exit code (1 for findings), so `set -o pipefail` in CI sees the true result.
export function ignoreClosedPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') process.exitCode = 2; // the output is lost either way; say so in the code
    });
  }
}

/**
 * Ends the process as soon as what was written to the streams has been handed to the OS. Left to
 * itself, Node first drains the event loop and tears down the heap, which after a big scan costs
 * 50–70 ms more (a settled file-handle close, V8's background tasks, freeing ~200 MB). A stream
 * already destroyed (a closed pipe) is not waited for; the exit code is `process.exitCode`, which
 * ignoreClosedPipes may have raised meanwhile.
 */
export function exitWhenFlushed(
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: () => void = () => process.exit(),
): void {
  let pending = streams.length + 1;
  const done = () => {
    if (--pending === 0) exit();
  };
  for (const stream of streams) {
    const s = stream as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };
    if (s.destroyed || s.writableEnded) done();
    else s.write('', () => done());
  }
  done();
}
