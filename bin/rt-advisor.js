#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI.
import { run } from '../dist/src/cli/main.js';
import { ignoreClosedPipes } from '../dist/src/cli/stdio.js';

ignoreClosedPipes();
process.exitCode = await run(process.argv.slice(2));
