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
