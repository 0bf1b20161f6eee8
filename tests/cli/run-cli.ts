import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `nunchi` as a real child process (from source, through tsx), as a user would run it. */
export function startCli(args: string[], env: Record<string, string>): ChildProcess & { output: { stdout: string; stderr: string }; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/nunchi.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'ko_KR.UTF-8', NUNCHI_LANG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...output })));
  return Object.assign(child, { output, done });
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return startCli(args, env).done;
}
