#!/usr/bin/env node
'use strict';
// The `nunchi` command of a global install: the bundled headless monitor (npm run build:cli),
// compiled from V8's code cache (compiled-bundle.cjs). CommonJS: an ES module entry would start
// Node's ES module loader, ~10 ms, for nothing.
const { join } = require('node:path');
const { loadCli } = require('./compiled-bundle.cjs');

// Output goes to fd 1 directly, or through process.stdout with its EPIPE handling, from the
// bundle (main/cli/stdout.ts): touching process.stdout here would build the stream for nothing.
const bundle = loadCli(join(__dirname, '../out/cli'));
bundle.exports.main(process.argv.slice(2)).then(
  (code) => {
    bundle.refresh();
    // At once, unless a stream still has output to write (main/cli/stdout.ts says why).
    bundle.exports.exitWhenWritten(code);
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
