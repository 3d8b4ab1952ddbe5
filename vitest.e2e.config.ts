// The CLI's end-to-end tests, which spawn bin/rt-advisor.js: .ci/run runs them once more on Node 22
// and 24 (RT_NODE=<node binary>, see test/helpers/cli.ts), after the whole suite on the machine's Node.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/cli/node-runtime.test.ts',
      'test/cli/scan-command.test.ts',
      'test/engine/compile-cache.test.ts',
      'test/ask-answers-file.test.ts',
      'test/ask-robust.test.ts',
      'test/suppress/baseline.test.ts',
    ],
  },
});
