import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
function peakRssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
}

function runNunchi(args: string[], env: Record<string, string>): Promise<{ seconds: number; peakMb: number; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/nunchi.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let peak = 0;
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!))), 25);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: peak, code, out });
    });
  });
}

/** `nunchi poll --all` over the benchmark corpus with 20 watchlists, cold then warm, as a user runs it. */
export async function benchCliPoll(server: CorpusServer): Promise<Record<string, string>> {
  // The globally installed command runs the bundle: measure that, freshly built.
  spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-cli-bench-'));
  const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), LANG: 'en_US.UTF-8' };
  try {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>${Array.from({ length: 500 }, (_, f) => `<outline type="rss" text="f${f}" xmlUrl="${server.origin}/feed/${f}.xml"/>`).join('')}</body></opml>`;
    const opmlFile = join(dir, 'bench.opml');
    writeFileSync(opmlFile, opml);
    await runNunchi(['feeds', 'import', opmlFile], env);
    for (const [name, query] of BENCH_WATCHLISTS) await runNunchi(['watch', 'add', name, query], env);
    const cold = await runNunchi(['poll', '--all', '--json', '--no-desktop-notifications'], env);
    const coldJson = JSON.parse(cold.out) as { inserted: number; newAlerts: number; failed: number };
    const warm = await runNunchi(['poll', '--all', '--json', '--no-desktop-notifications'], env);
    const warmJson = JSON.parse(warm.out) as { notModified: number };
    return {
      'cold `nunchi poll --all` (process start to exit)': `${cold.seconds.toFixed(2)} s, peak RSS ${cold.peakMb.toFixed(0)} MB — ${coldJson.inserted} articles, ${coldJson.newAlerts} alerts, ${coldJson.failed} failed`,
      'warm `nunchi poll --all` (all 304)': `${warm.seconds.toFixed(2)} s, peak RSS ${warm.peakMb.toFixed(0)} MB — ${warmJson.notModified} not modified`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
