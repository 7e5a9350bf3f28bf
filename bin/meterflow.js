#!/usr/bin/env node
/* global process */
// The `meterflow` command: runs the compiled CLI (npm ci builds it through the `prepare` script).
import { run } from '../dist/cli/main.js';

await run(process.argv);
