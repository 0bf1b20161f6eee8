/**
 * The API's handler table as a type, and calling a handler whose params are already checked. Apart
 * from handlers.ts so that a read-only command (read-handlers.ts) loads neither the write handlers'
 * modules nor the contract's schemas.
 */
import type { z } from 'zod';
import type { API, ApiError, ApiMethod, ApiResult } from '../../shared/api';
import { toApiError } from './errors';

/** A method's params as its schema leaves them (defaults filled in): what a handler receives. */
export type Parsed<M extends ApiMethod> = z.output<(typeof API)[M]['params']>;
type Handler<M extends ApiMethod> = (params: Parsed<M>) => ApiResult<M> | Promise<ApiResult<M>>;
export type HandlerTable = { [M in ApiMethod]: Handler<M> };
export type ApiResponse = { ok: true; result: unknown } | { ok: false; error: ApiError };

/**
 * Calls one method without the runtime check, for a caller in the engine's own process whose
 * params the compiler has checked in their parsed form (every default given): the CLI's read
 * commands, which would otherwise load zod and the whole contract to list what is stored.
 * Params from outside the process (the renderer, the network) always go through callHandler.
 */
export function callTrusted<M extends ApiMethod>(table: Partial<HandlerTable>, method: M, params: Parsed<M>): Promise<ApiResponse> {
  return runHandler(table, method, params);
}

/** Runs a handler; any failure becomes an ApiError (a message key with words in Korean and English). */
export async function runHandler(table: Partial<HandlerTable>, method: ApiMethod, params: unknown): Promise<ApiResponse> {
  try {
    // The table has the method: the caller's type (the full table, or the read methods' with M among them) says so.
    const handler = table[method] as (p: unknown) => unknown;
    return { ok: true, result: await handler(params) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
