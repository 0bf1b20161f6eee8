import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CorpusServer } from './poll-bench';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** 20 watchlists of the kind people keep: companies, people, products, topics. */
export const BENCH_WATCHLISTS: Array<[string, string]> = [
  ['카카오브레인', '카카오브레인 OR KoGPT'],
  ['퇴사', '퇴사 title:카카오'],
  ['삼성전자', '삼성전자 반도체'],
  ['네이버', '네이버 클라우드'],
  ['AI', 'AI 규제'],
  ['LLM', 'LLM OR 거대언어모델'],
  ['보안', '보안 해킹'],
  ['투자', '투자 -광고'],
  ['상장', '상장 스타트업'],
  ['데이터센터', '데이터센터'],
  ['자율주행', '자율주행 OR 로봇'],
  ['배터리', '배터리 전기차'],
  ['통신', '"5G" OR 6G OR 통신'],
  ['게임', '게임 규제'],
  ['웹툰', '웹툰 OR 콘텐츠'],
  ['소송', '특허 소송'],
  ['인수합병', '인수 합병'],
  ['OpenAI', 'OpenAI OR 오픈AI'],
  ['실적', '매출 영업이익'],
  ['정부', '정부 발표 -삼성전자'],
];

/** Peak resident memory of a running process: VmHWM is a high-water mark, so sampling it is enough. */
function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/** CPU ticks (user + system, all threads) a process has used so far. */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

interface Run {
  seconds: number;
  peakMb: number;
  /** CPU seconds, all threads (user + system), from this process's account of its reaped children. */
  cpuSeconds: number;
  code: number | null;
  out: string;
}

/** CPU ticks of this process's children that have ended and been waited for (cutime + cstime). */
function childrenTicks(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[13]) + Number(fields[14]);
}

/**
 * How often the peak memory of a running child is read: every 10 ms in its first second (a read
 * command lasts ~0.1 s), then every 100 ms. VmHWM is a high-water mark, so the last reading before
 * the child ends is its peak, give or take what it grew in its last 100 ms. Read every 10 ms
 * throughout, the sampling took ~2.5% off a cold poll that keeps both cores busy (and nothing off
 * the single-threaded plain pipeline, which leaves a core free for it).
 */
const peakSampleMs = (runningMs: number) => (runningMs < 1000 ? 10 : 100);

/** `env` is laid over this process's environment; a name set to undefined is left out of it. */
function runProcess(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    // One child at a time: the CPU its run adds to this process's children's account is its own.
    const ticksBefore = childrenTicks();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let peak = 0;
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    let timer: NodeJS.Timeout | undefined;
    const sample = () => {
      peak = Math.max(peak, procStatus(child.pid!, 'VmHWM'));
      timer = setTimeout(sample, peakSampleMs(performance.now() - started));
    };
    timer = setTimeout(sample, peakSampleMs(0));
    child.on('exit', () => clearTimeout(timer));
    child.on('close', (code) => {
      clearTimeout(timer);
      const cpuSeconds = (childrenTicks() - ticksBefore) / CLOCK_TICKS;
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: peak, cpuSeconds, code, out });
    });
  });
}

const runNunchi = (args: string[], env: Record<string, string | undefined>) => runProcess([join(ROOT, 'bin/nunchi.cjs'), ...args], env);

/**
 * `nunchi run` on a polled database until it is idle (its poll done and its background work — the
 * search index catch-up — finished: under 2% of a core over 2 s), then its resident memory.
 */
async function runIdle(env: Record<string, string>): Promise<{ idleMb: number; peakMb: number; settleSeconds: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/nunchi.cjs'), 'run', '--no-desktop-notifications'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = performance.now();
  const hz = CLOCK_TICKS;
  const samples: number[] = [];
  let idleMb = 0;
  while (performance.now() - started < 180_000) {
    await new Promise((r) => setTimeout(r, 250));
    samples.push(cpuTicks(child.pid!));
    if (samples.length > 12 && performance.now() - started > 3000 && (samples.at(-1)! - samples.at(-9)!) / hz / 2 < 0.02) {
      idleMb = procStatus(child.pid!, 'VmRSS');
      break;
    }
  }
  const settleSeconds = (performance.now() - started) / 1000;
  const peakMb = procStatus(child.pid!, 'VmHWM');
  await new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGTERM');
  });
  return { idleMb, peakMb, settleSeconds };
}

/**
 * The desktop app's engine worker in a plain Node process (engine-host-child.ts), on the polled
 * database: waits until the process is idle (as runIdle), then its resident memory (host process
 * and worker together, as the OS counts the app's process) and the worker's live heap.
 */
async function engineHostIdle(
  env: Record<string, string>,
): Promise<{ idleMb: number; peakMb: number; settleSeconds: number; workerHeapMb: number; hostAloneMb: number }> {
  const child = spawn(process.execPath, [await buildEngineHost()], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const first = await nextLine();
  const { hostAloneMb } = JSON.parse(first) as { ready: true; hostAloneMb: number };
  const started = performance.now();
  const samples: number[] = [];
  let idleMb = 0;
  while (performance.now() - started < 180_000) {
    await new Promise((r) => setTimeout(r, 250));
    samples.push(cpuTicks(child.pid!));
    if (samples.length > 12 && performance.now() - started > 3000 && (samples.at(-1)! - samples.at(-9)!) / 100 / 2 < 0.02) {
      idleMb = procStatus(child.pid!, 'VmRSS');
      break;
    }
  }
  const settleSeconds = (performance.now() - started) / 1000;
  const peakMb = procStatus(child.pid!, 'VmHWM');
  child.stdin.write('heap\n');
  const { workerHeapMb } = JSON.parse(await nextLine()) as { workerHeapMb: number };
  await new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.stdin.end();
  });
  return { idleMb, peakMb, settleSeconds, workerHeapMb, hostAloneMb };
}

/** engine-host-child.ts with the engine worker and the feed workers beside it, like the desktop build (packages outside). */
async function buildEngineHost(): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = join(ROOT, 'out/bench/engine-host');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    // Split like the desktop build (a dynamic import stays a chunk, loaded when used), every file in
    // one folder: the host finds engine-worker.js, and the engine pipeline-worker.js, next to itself.
    entryPoints: {
      'engine-host-child': join(ROOT, 'tests/bench/engine-host-child.ts'),
      'engine-worker': join(ROOT, 'main/host/engine-worker.ts'),
      'pipeline-worker': join(ROOT, 'main/feeds/pipeline-worker.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    splitting: true,
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
  return join(outdir, 'engine-host-child.js');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The plain pipeline, bundled like the `nunchi` command so both start as plain JavaScript. */
async function buildPlain(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(ROOT, 'out/bench/plain-pipeline.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'tests/bench/plain-pipeline.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

/** The 8 watchlists of the figure (the plain pipeline's keyword loop looks for their names). */
const WATCHLISTS = BENCH_WATCHLISTS.slice(0, 8);

/** One certificate of a PEM file (NODE_EXTRA_CA_CERTS), with its line end. */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n?/g;

/**
 * Issue 14's figures: `nunchi poll --all` through the bundled CLI, cold then warm, next to the plain
 * pipeline (plain-pipeline.ts) on the same corpus in the same run, as ratios; then `nunchi run`
 * idle and the read commands on the polled database. `repeat` > 1 reports medians.
 */
export async function benchCliPoll(server: CorpusServer, feeds = 500, repeat = 1): Promise<Record<string, string>> {
  // The globally installed command runs the bundle: measure that, freshly built.
  spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const plain = await buildPlain();
  const keywords = WATCHLISTS.map(([name]) => name);
  const rows = { plainCold: [] as Run[], cold: [] as Run[], plainWarm: [] as Run[], warm: [] as Run[] };
  const dirs: string[] = [];
  let env: Record<string, string> = {};
  let coldJson = { inserted: 0, newAlerts: 0, failed: 0 };
  let plainJson = { inserted: 0, alerts: 0 };
  let warmJson = { notModified: 0 };
  try {
    for (let r = 0; r < repeat; r++) {
      const dir = mkdtempSync(join(tmpdir(), 'nunchi-cli-bench-'));
      dirs.push(dir);
      env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), LANG: 'en_US.UTF-8' };
      const opml = `<?xml version="1.0"?><opml version="2.0"><body>${Array.from({ length: feeds }, (_, f) => `<outline type="rss" text="f${f}" xmlUrl="${server.origin}/feed/${f}.xml"/>`).join('')}</body></opml>`;
      const opmlFile = join(dir, 'bench.opml');
      writeFileSync(opmlFile, opml);
      await runNunchi(['feeds', 'import', opmlFile], env);
      for (const [name, query] of WATCHLISTS) await runNunchi(['watch', 'add', name, query], env);
      const plainArgs = [plain, join(dir, 'plain.sqlite'), server.origin, String(feeds), ...keywords];
      const poll = ['poll', '--all', '--json', '--no-desktop-notifications'];
      rows.plainCold.push(await runProcess(plainArgs, {}));
      rows.cold.push(await runNunchi(poll, env));
      rows.plainWarm.push(await runProcess(plainArgs, {}));
      rows.warm.push(await runNunchi(poll, env));
      plainJson = JSON.parse(rows.plainCold.at(-1)!.out) as typeof plainJson;
      coldJson = JSON.parse(rows.cold.at(-1)!.out) as typeof coldJson;
      warmJson = JSON.parse(rows.warm.at(-1)!.out) as typeof warmJson;
      // A round where a feed failed or was not answered 304 measured less work: its times would
      // flatter whichever side it happened to.
      const plainWarmJson = JSON.parse(rows.plainWarm.at(-1)!.out) as { notModified: number; failed: number };
      const articles = feeds * server.items;
      if (plainJson.inserted !== articles) throw new Error(`plain pipeline, cold: ${plainJson.inserted} of ${articles} articles`);
      if (coldJson.inserted !== articles || coldJson.failed !== 0) {
        throw new Error(`nunchi, cold: ${coldJson.inserted} of ${articles} articles, ${coldJson.failed} feeds failed`);
      }
      if (plainWarmJson.notModified !== feeds)
        throw new Error(`plain pipeline, warm: ${plainWarmJson.notModified} of ${feeds} answered 304`);
      if (warmJson.notModified !== feeds) throw new Error(`nunchi, warm: ${warmJson.notModified} of ${feeds} answered 304`);
    }
    const s = (runs: Run[]) => median(runs.map((x) => x.seconds));
    const m = (runs: Run[]) => median(runs.map((x) => x.peakMb));
    const c = (runs: Run[]) => median(runs.map((x) => x.cpuSeconds));
    // Each run's nunchi against the plain pipeline run just before it, then the median of those:
    // the comparison made in the same moment of the machine (a ratio of the two medians can pair
    // a fast plain run with a slow nunchi run, or the other way round).
    const ratio = (a: Run[], b: Run[]) => `${median(a.map((x, i) => x.seconds / b[i]!.seconds)).toFixed(2)}×`;
    const table: Record<string, string> = {
      'plain pipeline, cold (rss-parser + better-sqlite3 + keyword loop)': `${s(rows.plainCold).toFixed(2)} s (CPU ${c(rows.plainCold).toFixed(2)} s), peak RSS ${m(rows.plainCold).toFixed(0)} MiB — ${plainJson.inserted} articles, ${plainJson.alerts} keyword hits`,
      'plain pipeline, warm (all 304)': `${s(rows.plainWarm).toFixed(2)} s (CPU ${c(rows.plainWarm).toFixed(2)} s), peak RSS ${m(rows.plainWarm).toFixed(0)} MiB`,
      'cold `nunchi poll --all`, 8 watchlists': `${s(rows.cold).toFixed(2)} s (CPU ${c(rows.cold).toFixed(2)} s), peak RSS ${m(rows.cold).toFixed(0)} MiB — ${coldJson.inserted} articles, ${coldJson.newAlerts} alerts, ${coldJson.failed} failed`,
      'warm `nunchi poll --all` (all 304)': `${s(rows.warm).toFixed(2)} s (CPU ${c(rows.warm).toFixed(2)} s), peak RSS ${m(rows.warm).toFixed(0)} MiB — ${warmJson.notModified} not modified`,
      'cold ratio, nunchi ÷ plain (target ≤ 1.0×; peak ≤ 200 MiB)': ratio(rows.cold, rows.plainCold),
      'warm ratio, nunchi ÷ plain (target ≤ 1.2×)': ratio(rows.warm, rows.plainWarm),
    };
    if (repeat > 1) {
      table['cold ratios, each run'] = rows.cold.map((x, i) => (x.seconds / rows.plainCold[i]!.seconds).toFixed(2)).join(', ');
      table['warm ratios, each run'] = rows.warm.map((x, i) => (x.seconds / rows.plainWarm[i]!.seconds).toFixed(2)).join(', ');
    }
    // The desktop worker gets a copy of the database as the warm poll left it: its search index
    // catch-up still to do, as `nunchi run` has.
    const deskDb = join(dirs.at(-1)!, 'desk.sqlite');
    copyFileSync(env.NUNCHI_DB!, deskDb);
    const idle = await runIdle(env);
    table['`nunchi run`, idle after a warm poll (target ≤ 100 MiB)'] =
      `${idle.idleMb.toFixed(0)} MiB resident (peak ${idle.peakMb.toFixed(0)} MiB, idle after ${idle.settleSeconds.toFixed(1)} s)`;
    const desk = await engineHostIdle({ ...env, NUNCHI_DB: deskDb });
    table['desktop engine worker, idle after a warm poll (target ≤ 100 MiB)'] =
      `${desk.idleMb.toFixed(0)} MiB resident, host process and worker (the worker's share ${(desk.idleMb - desk.hostAloneMb).toFixed(0)} MiB over the bare host's ${desk.hostAloneMb.toFixed(0)}; peak ${desk.peakMb.toFixed(0)} MiB, idle after ${desk.settleSeconds.toFixed(1)} s); the worker's live heap ${desk.workerHeapMb.toFixed(1)} MiB`;
    // `search` scans what still waits for the indexer: say how much did (after `run`, normally none).
    const probe = new Database(env.NUNCHI_DB, { readonly: true });
    table['articles still queued for the search index'] = String(probe.prepare('SELECT count(*) FROM fts_pending').pluck().get());
    probe.close();
    // What no command can go below on this machine right now: Node starting and exiting. Taken
    // in turn with the commands, 9 rounds, so that a slow moment of the VM weighs on all alike.
    const reads: Array<[string, string[]]> = [
      ['alerts', ['alerts']],
      ['watch list', ['watch', 'list']],
      ['feeds list', ['feeds', 'list']],
      ['search 삼성전자', ['search', '삼성전자']],
    ];
    // NODE_EXTRA_CA_CERTS (set in some environments, this development VM among them, for a proxy's
    // certificate) makes Node 20 build its root store and parse that file at every start, before
    // any of our code (Node 22 and 24 do not load it at start): ~40 ms here for this
    // VM's file, which is the whole system bundle. Where it is set, the commands are also measured
    // with its first certificate alone (a company's root CA, the usual case, ~20 ms) and without
    // it, as on a desktop that has none; all are reported.
    const extraCa = process.env.NODE_EXTRA_CA_CERTS;
    const settings: Array<[string, Record<string, string | undefined>]> = [['', env]];
    if (extraCa) {
      const certificates = readFileSync(extraCa, 'latin1').match(PEM_CERTIFICATE) ?? [];
      settings[0]![0] = ` with NODE_EXTRA_CA_CERTS (${certificates.length} certificates)`;
      if (certificates.length > 1) {
        const oneCa = join(dirs[0]!, 'one-ca.pem');
        writeFileSync(oneCa, certificates[0]!);
        settings.push([' with a one-certificate NODE_EXTRA_CA_CERTS', { ...env, NODE_EXTRA_CA_CERTS: oneCa }]);
      }
      settings.push([' without NODE_EXTRA_CA_CERTS', { ...env, NODE_EXTRA_CA_CERTS: undefined }]);
    }
    // The settings in turn within each round too, so that a slow moment of the VM weighs on all of
    // them alike: measured one setting after the other, one run had the first 20–85 ms slower.
    const bareRuns = settings.map((): Run[] => []);
    const readRunsOf = settings.map(() => new Map<string, Run[]>(reads.map(([name]) => [name, []])));
    for (let round = 0; round < 9; round++) {
      for (const [at, [, runEnv]] of settings.entries()) {
        bareRuns[at]!.push(await runProcess(['-e', '0'], runEnv));
        for (const [name, args] of reads) readRunsOf[at]!.get(name)!.push(await runNunchi(args, runEnv));
      }
    }
    for (const [at, [label]] of settings.entries()) {
      const bare = bareRuns[at]!;
      const readRuns = readRunsOf[at]!;
      table[`bare \`node -e 0\`${label} (the floor of any command; medians of 9 from here on)`] =
        `${(s(bare) * 1000).toFixed(0)} ms, peak RSS ${m(bare).toFixed(0)} MiB`;
      for (const [name] of reads) {
        const runs = readRuns.get(name)!;
        if (runs.some((x) => x.code !== 0)) throw new Error(`nunchi ${name} failed`);
        table[`\`nunchi ${name}\`${label}, ${coldJson.inserted} articles (target ≤ 150 ms)`] =
          `${(s(runs) * 1000).toFixed(0)} ms (bare node + ${((s(runs) - s(bare)) * 1000).toFixed(0)} ms), peak RSS ${m(runs).toFixed(0)} MiB`;
      }
    }
    return table;
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
