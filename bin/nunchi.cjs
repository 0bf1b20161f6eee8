#!/usr/bin/env node
'use strict';
// The `nunchi` command of a global install: the bundled headless monitor (npm run build:cli),
// compiled from V8's code cache (compiled-bundle.cjs). CommonJS: an ES module entry would start
// Node's ES module loader, ~10 ms, for nothing.
const { join } = require('node:path');
const { loadBundle } = require('./compiled-bundle.cjs');

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const bundle = loadBundle(join(__dirname, '../out/cli/nunchi.cjs'));
bundle.exports.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    bundle.refresh();
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
