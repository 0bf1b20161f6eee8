/**
 * `npm run bench`: the figures the issues ask for, measured on this machine. Not a test: nothing
 * here passes or fails on time; it prints what it measured next to the target.
 */
import { benchPoll, startCorpusServer } from './poll-bench';

const sections = new Set(process.argv.slice(2));
const want = (name: string) => sections.size === 0 || sections.has(name);

function print(title: string, rows: Record<string, string | number>) {
  process.stdout.write(`\n## ${title}\n`);
  for (const [key, value] of Object.entries(rows)) process.stdout.write(`  ${key.padEnd(44)} ${value}\n`);
}

if (want('poll')) {
  const server = await startCorpusServer();
  try {
    print('Feed pipeline: cold and warm poll (target: cold ≤ 4 s, warm ≤ 0.5 s)', await benchPoll(server));
  } finally {
    server.stop();
  }
}
