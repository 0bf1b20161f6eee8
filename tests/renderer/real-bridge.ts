/**
 * Component tests talk to the real engine: an Engine on a temporary SQLite file, the real handler
 * table, and a `window.nunchi` built on callHandler exactly like the preload (errors thrown as an
 * Error carrying the ApiError). Events from engine.subscribe reach the component's listeners.
 */
import { formatMessage } from '../../shared/messages';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent, NunchiBridge } from '../../shared/api';
import { Engine } from '../../main/engine';
import { callHandler, createHandlers } from '../../main/api/handlers';

export interface RealBridge {
  engine: Engine;
  bridge: NunchiBridge;
  close(): Promise<void>;
}

export function startRealBridge(): RealBridge {
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-rtl-'));
  const engine = new Engine({ databasePath: join(dir, 'nunchi.sqlite'), processing: 'in-process' });
  engine.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul' });
  const table = createHandlers({ engine, dataDir: dir, version: 'test' });
  const bridge: NunchiBridge = {
    async call(method, params) {
      const reply = await callHandler(table, method, params);
      if (reply.ok) return reply.result as never;
      throw Object.assign(new Error(formatMessage('en', reply.error.message)), { apiError: reply.error });
    },
    subscribe(listener: (event: EngineEvent) => void) {
      return engine.subscribe(listener);
    },
  };
  window.nunchi = bridge;
  return {
    engine,
    bridge,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
