/**
 * The preload (sandboxed, CommonJS): exposes exactly `window.nunchi` = NunchiBridge — one `call`
 * over one invoke channel and one `subscribe` over one event channel. ipcRenderer itself never
 * reaches the page, and neither do the IPC event objects (they carry the sender).
 * A failed call rejects with the ApiError object (code + ko/en message), as data.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiError, ApiMethod, ApiParams, ApiResult, EngineEvent, NunchiBridge } from '../../shared/api';
import { IPC_CALL, IPC_EVENT } from './constants';

type Response = { ok: true; result: unknown } | { ok: false; error: ApiError };

const listeners = new Set<(event: EngineEvent) => void>();
ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, engineEvent: EngineEvent) => {
  for (const listener of listeners) {
    try {
      listener(engineEvent);
    } catch (error) {
      console.error(error);
    }
  }
});

const bridge: NunchiBridge = {
  async call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const response = (await ipcRenderer.invoke(IPC_CALL, String(method), params)) as Response;
    // The error is data (a message key and words in ko/en): thrown as it is, it crosses the context
    // bridge whole, where an Error would keep only its message.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!response.ok) throw response.error;
    return response.result as ApiResult<M>;
  },
  subscribe(listener: (event: EngineEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('nunchi', bridge);
