/**
 * One process of the "many opens of one new database at once" test (tests/unit/store/database.test.ts).
 * Plain JavaScript on a bundle of main/store/database.ts, so 32 threads start in a moment instead
 * of each compiling TypeScript. Starts `workers` threads that load everything, then wait on a
 * shared flag; prints "ready" once all of them wait, and releases them together when a line
 * arrives on stdin (the test sends it to every process at once). Then prints one JSON line per
 * thread: {ok: true, version} or {ok: false, error}.
 *
 * usage: node open-race.mjs BUNDLE.mjs DATABASE WORKERS
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

if (isMainThread) {
  const [bundle, path, workers] = process.argv.slice(2);
  const gate = new SharedArrayBuffer(4);
  let waiting = 0;
  const results = Array.from({ length: Number(workers) }, () => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { bundle, path, gate } });
    return new Promise((resolve, reject) => {
      worker.on('message', (message) => {
        if (message !== 'waiting') return resolve(message);
        if (++waiting === Number(workers)) process.stdout.write('ready\n');
      });
      worker.once('error', reject);
    });
  });
  createInterface({ input: process.stdin }).once('line', () => {
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
  });
  for (const result of await Promise.all(results)) process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  const { bundle, path, gate } = workerData;
  const { openDatabase } = await import(pathToFileURL(bundle).href);
  parentPort.postMessage('waiting');
  Atomics.wait(new Int32Array(gate), 0, 0);
  try {
    const db = openDatabase(path);
    const version = db.pragma('user_version', { simple: true });
    db.close();
    parentPort.postMessage({ ok: true, version });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: `${error.name}: ${error.message}` });
  }
}
