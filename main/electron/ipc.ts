/**
 * The relay between the renderer and the engine: one invoke channel carries every API call
 * (checked sender, then the contract's zod validation inside the engine worker via callHandler),
 * one event channel pushes engine events to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EngineEvent } from '../../shared/api';
import type { CallResponse } from '../host/engine-host';
import { IPC_CALL, IPC_EVENT } from './constants';
import { isTrustedSender } from './sender-policy';

const FORBIDDEN: CallResponse = {
  ok: false,
  error: { code: 'api.forbidden', message: { key: 'api.forbidden' } },
};

export interface IpcOptions {
  /** The engine (through its supervisor): answers every call as data. */
  host: { call(method: string, params: unknown): Promise<CallResponse> };
  devServerOrigin: string | null;
  /** Methods the shell answers itself, never forwarded to the engine (opening the log folder). */
  shellMethods?: ReadonlyMap<string, (params: unknown) => Promise<CallResponse>>;
}

export function registerIpc(options: IpcOptions): void {
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<CallResponse> => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, options.devServerOrigin)) return FORBIDDEN;
    if (typeof method !== 'string' || method.length > 100) return FORBIDDEN;
    // Params are validated with the contract's zod schema by callHandler, inside the worker.
    const local = options.shellMethods?.get(method);
    return local ? local(params) : options.host.call(method, params);
  });
}

export function pushEvent(window: BrowserWindow | null, event: EngineEvent): void {
  if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(IPC_EVENT, event);
}
