#!/usr/bin/env node
/**
 * `npm run security:electron`: the Electron security gate. Runs @doyensec/electronegativity over
 * the shell's sources (main/) and over the built app (out/main with its workers, out/preload, out/renderer —
 * built first with `electron-vite build`, which needs no Electron binary), reads its CSV findings
 * (the tool itself always exits 0) and fails on any HIGH or MEDIUM finding that is not explained
 * in .electronegativity-allow.json (one entry per reviewed finding: check, file glob, optional
 * sample text, and the reason).
 *
 * Offline: electronegativity fetches translations and Electron's release list over the network;
 * the first is answered "offline" in-process, the release check (AVAILABLE_SECURITY_FIXES) is
 * excluded — Electron's version is pinned in package.json and updated deliberately.
 *
 * Its CLI is broken with the commander version npm hoists (it calls program.version on the
 * module), so its runner is called directly — the same function the CLI calls.
 *
 * Options: --no-build (scan the existing out/), --keep (keep the CSV files in out/security/).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const GATED = new Set(['HIGH', 'MEDIUM']);
/** The built app's folders, as electron-builder.yml packages them (a test holds the two together). */
export const PACKAGED_APP_FOLDERS = ['out/main', 'out/preload', 'out/renderer'];

function globToRegExp(glob) {
  // {a,b} alternatives, ** any depth, * within one path segment.
  const alternatives = /\{([^{}]*)\}/.exec(glob);
  if (alternatives) {
    const options = alternatives[1].split(',').map((o) => globToRegExp(glob.replace(alternatives[0], o)).source.slice(1, -1));
    return new RegExp(`^(?:${options.join('|')})$`);
  }
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** An allow-list entry explains a finding when check, file and (if given) sample all match. */
export function explains(entry, finding) {
  if (entry.check !== finding.check) return false;
  if (!globToRegExp(entry.file).test(finding.file)) return false;
  return entry.sample === undefined || finding.sample.includes(entry.sample);
}

/** The verdict: HIGH/MEDIUM findings no allow-list entry explains fail the gate. */
export function gate(findings, allow) {
  const used = new Set();
  const failing = [];
  let explained = 0;
  for (const finding of findings) {
    if (!GATED.has(finding.severity)) continue;
    const entry = allow.find((e) => explains(e, finding));
    if (entry) {
      used.add(entry);
      explained += 1;
    } else failing.push(finding);
  }
  return { failing, explained, used };
}

export function loadAllowList(file) {
  const list = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list.entries)) throw new Error(`${file}: "entries" must be an array`);
  for (const [i, entry] of list.entries.entries()) {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') throw new Error(`${file}: entry ${i} needs a non-empty "${key}"`);
    }
    if (entry.reason.trim().length < 20) throw new Error(`${file}: entry ${i} (${entry.check}) needs a real reason, not "${entry.reason}"`);
  }
  return list.entries;
}

/**
 * `scannedAs`: where the scanned folder's files live in the repository (the built app is scanned
 * from a copy, see main()), so findings and the allow-list name the real paths.
 */
async function scan(target, label, csvFile, scannedAs = target) {
  const base = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const got = require.resolve('got', { paths: [join(base, 'dist', 'locales')] });
  require.cache[got] ??= { id: got, filename: got, loaded: true, exports: () => Promise.reject(new Error('offline by design')) };
  const run = require(join(base, 'dist', 'runner.js'));
  const log = console.log;
  console.log = () => {}; // its "no connectivity" chatter
  let result;
  try {
    result = await run(
      {
        input: target,
        output: undefined, // its own CSV writer races (see below)
        isSarif: false,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  if (result.errors.length > 0) {
    // A file it cannot parse is a file it did not check: that is a failure, not a pass.
    throw new Error(
      `electronegativity could not parse ${result.errors.length} file(s) in ${label}: ${result.errors.map((e) => e.file ?? JSON.stringify(e)).join(', ')}`,
    );
  }
  // Its CSV cannot be trusted: it writes the header (flag 'w') and the rows (flag 'a') with two
  // fs.writeFile calls it does not wait for, so on a fresh run the header can truncate the rows
  // away (seen on a clean clone: 1 row of 5). The runner returns the same findings in memory;
  // the gate reads those, and writes its own CSV report next to electronegativity's.
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    // Paths relative to the repository, '/' separated, so the allow-list reads the same everywhere.
    file:
      issue.file === 'N/A'
        ? `${label}:N/A`
        : relative(root, join(scannedAs, relative(target, isAbsolute(issue.file) ? issue.file : join(target, issue.file))))
            .split('\\')
            .join('/'),
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: issue.sample ?? '',
    description: issue.description ?? '',
  }));
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  writeFileSync(
    csvFile,
    [
      'check,severity,confidence,file,location,sample',
      ...findings.map((f) => [f.check, f.severity, f.confidence, f.file, f.location, f.sample].map(quote).join(',')),
    ].join('\n') + '\n',
  );
  return findings;
}

async function main() {
  const started = performance.now();
  if (!args.has('--no-build')) {
    const build = spawnSync(
      process.execPath,
      [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
    if (build.status !== 0) {
      process.stderr.write('security:electron: the build failed, so the built app could not be scanned.\n');
      process.exit(1);
    }
  }
  const reportDir = join(root, 'out', 'security');
  mkdirSync(reportDir, { recursive: true });
  // The built app is what electron-builder packages (electron-builder.yml `files`): out/main,
  // out/preload and out/renderer, scanned together (its global checks look for the handlers in
  // main while reading the renderer), from a copy that leaves out the rest of out/: the `nunchi`
  // command's bundle (out/cli, run by Node, never by Electron) and the benchmarks' builds.
  const app = join(reportDir, 'app');
  rmSync(app, { recursive: true, force: true });
  for (const folder of PACKAGED_APP_FOLDERS) cpSync(join(root, folder), join(app, relative('out', folder)), { recursive: true });
  const findings = [
    ...(await scan(join(root, 'main'), 'main', join(reportDir, 'main.csv'))),
    ...(await scan(app, 'out', join(reportDir, 'out.csv'), join(root, 'out'))),
  ];
  const allow = loadAllowList(join(root, '.electronegativity-allow.json'));
  const { failing, explained, used } = gate(findings, allow);
  if (!args.has('--keep')) rmSync(reportDir, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const low = findings.filter((f) => !GATED.has(f.severity)).length;
  for (const entry of allow.filter((e) => !used.has(e))) {
    process.stdout.write(`security:electron: allow-list entry no longer needed (remove it?): ${entry.check} ${entry.file}\n`);
  }
  if (failing.length > 0) {
    process.stderr.write(`\nsecurity:electron: ${failing.length} HIGH/MEDIUM finding(s) not in .electronegativity-allow.json:\n`);
    for (const f of failing)
      process.stderr.write(`  ${f.severity} ${f.check}  ${f.file}:${f.location}\n    ${f.description}\n    ${f.sample.slice(0, 160)}\n`);
    process.stderr.write('Fix them, or review and add an entry with the reason to .electronegativity-allow.json.\n\n');
    process.exit(1);
  }
  process.stdout.write(
    `security:electron: OK — ${findings.length} findings over main/ and out/, ${explained} HIGH/MEDIUM explained by the allow-list, ${low} low/informational; ${seconds} s\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`security:electron: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
