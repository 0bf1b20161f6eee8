/**
 * The desktop app's engine worker without Electron, for the idle-memory figure of issue 14: starts
 * main/host/engine-host.ts on the database in NUNCHI_DB with the options the desktop shell passes
 * (main/electron/main.ts: the heartbeat, notifications, proxy answers, the system CA), prints
 * `{ ready, hostAloneMb }` (the process's resident memory before the worker started), and on a
 * `heap` line on stdin prints the worker's live heap (from a heap snapshot of the worker) as JSON. Its stdin ending closes the engine. Bundled by
 * cli-bench.ts (buildEngineHost) like the desktop build: plain JavaScript, packages from node_modules.
 */
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';

// The engine worker is the first thread the host starts: kept to ask for its heap.
const started: workerThreads.Worker[] = [];
const RealWorker = workerThreads.Worker;
workerThreads.Worker = class RecordedWorker extends RealWorker {
  constructor(...args: ConstructorParameters<typeof RealWorker>) {
    super(...args);
    started.push(this);
  }
};
syncBuiltinESMExports();

/** The live heap of a worker: the sum of the self sizes in its heap snapshot (taken after a GC). */
async function workerHeapMb(worker: workerThreads.Worker): Promise<number> {
  const stream = await worker.getHeapSnapshot();
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  const snapshot = JSON.parse(text) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const at = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = at; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i]!;
  return bytes / 1024 / 1024;
}

const databasePath = process.env.NUNCHI_DB!;
const { EngineHost } = await import('../../main/host/engine-host');
// The host process alone, before the worker: what the worker adds is the rest.
const hostAloneMb = process.memoryUsage().rss / 1024 / 1024;
const host = await EngineHost.start(
  {
    databasePath,
    dataDir: dirname(databasePath),
    version: 'bench',
    scheduleEveryMs: 60_000,
    notifications: true,
    proxyFromHost: true,
    systemCa: true,
  },
  () => undefined,
  undefined,
  () => 'DIRECT',
);
process.stdout.write(`${JSON.stringify({ ready: true, hostAloneMb })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line !== 'heap') return;
  void workerHeapMb(started[0]!).then((worker) => {
    process.stdout.write(`${JSON.stringify({ workerHeapMb: worker })}\n`);
  });
});
lines.on('close', () => void host.close().then(() => process.exit(0)));
