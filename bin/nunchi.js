#!/usr/bin/env node
// The `nunchi` command of a global install: the bundled headless monitor (npm run build:cli).
import { main } from '../out/cli/nunchi.js';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
