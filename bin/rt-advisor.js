#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI, bundled by `npm run build` (scripts/bundle.mjs).
import { run } from '../dist/bundle/main.js';
import { exitWhenFlushed, ignoreClosedPipes } from '../dist/bundle/stdio.js';

ignoreClosedPipes();
process.exitCode = await run(process.argv.slice(2));
exitWhenFlushed();
