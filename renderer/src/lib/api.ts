/**
 * The renderer's only door to the engine: `window.nunchi` (the preload or the e2e harness puts it
 * there). Types come from the contract in shared/api.ts; type-only imports keep zod out of the bundle.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiMethod, ApiParams, ApiResult, EngineEvent, EngineEventName, NunchiBridge } from '../../../shared/api';

declare global {
  interface Window {
    nunchi: NunchiBridge;
  }
}

export type { ApiError, ApiMethod, ApiParams, ApiResult, EngineEvent };

export function call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  return window.nunchi.call(method, params);
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; message?: { key?: unknown } };
  return typeof v.code === 'string' && typeof v.message === 'object' && v.message !== null && typeof v.message.key === 'string';
}

/**
 * The ApiError a failed call carries. Bridges differ in how they attach it (a property on the
 * Error, the Error itself, or — across Electron's IPC, which keeps only the message — JSON in the
 * message), so accept each; anything else becomes an "internal error" with its text as detail.
 */
export function apiErrorOf(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as { apiError?: unknown; error?: unknown; cause?: unknown; message?: unknown };
    for (const candidate of [e.apiError, e.error, e.cause]) if (isApiError(candidate)) return candidate;
    if (typeof e.message === 'string') {
      const json = e.message.indexOf('{');
      if (json >= 0) {
        try {
          const parsed: unknown = JSON.parse(e.message.slice(json));
          if (isApiError(parsed)) return parsed;
        } catch {
          // not JSON: fall through
        }
      }
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'api.internal', message: { key: 'api.internal' }, detail };
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Optimistic local change (a switch must flip when clicked, before the engine answers). */
  mutate: (change: (data: T) => T) => void;
}

/**
 * Calls a method when `key` changes (and on reload()); keeps the last data while reloading.
 * With `skip` (an empty search box) nothing is called and there is no data.
 */
export function useApi<M extends ApiMethod>(
  method: M,
  params: ApiParams<M>,
  key: unknown[] = [],
  options: { skip?: boolean } = {},
): Loaded<ApiResult<M>> {
  const skip = options.skip ?? false;
  const [data, setData] = useState<ApiResult<M>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(!skip);
  const [tick, setTick] = useState(0);
  const paramsRef = useRef(params);
  paramsRef.current = params;
  useEffect(() => {
    if (skip) {
      setData(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    call(method, paramsRef.current).then(
      (result) => {
        if (!live) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setError(apiErrorOf(failure));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the params (read through paramsRef)
  }, [method, tick, skip, ...key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const mutate = useCallback(
    (change: (data: ApiResult<M>) => ApiResult<M>) => setData((old) => (old === undefined ? old : change(old))),
    [],
  );
  return { data, error, loading, reload, mutate };
}

/** Runs `listener` for engine events of the given names, for as long as the component lives. */
export function useEngineEvents(names: EngineEventName[], listener: (event: EngineEvent) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  const joined = names.join(',');
  useEffect(() => {
    const wanted = new Set(joined.split(','));
    return window.nunchi.subscribe((event) => {
      if (wanted.has(event.name)) ref.current(event);
    });
  }, [joined]);
}
