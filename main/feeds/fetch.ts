/**
 * Stage 1 of the feed pipeline: fetch the bytes of one feed over HTTP(S).
 *
 * Our own client on the WHATWG `fetch` (Node's undici, or Electron's `net.fetch` injected so the
 * system proxy is used), because rss-parser's `parseURL` gets every point below wrong:
 * - conditional GET (If-None-Match / If-Modified-Since); 304 comes back as `not-modified`;
 * - one total deadline for the whole call (redirects and body included) that aborts the request,
 *   which makes undici destroy the socket instead of leaving it open;
 * - a body cap counted on the decompressed bytes, read incrementally, so a gzip bomb or an endless
 *   body costs at most `maxBytes` of memory;
 * - redirects followed by hand, few, and only to http(s);
 * - Retry-After for 429/503, Cache-Control max-age, a real User-Agent.
 * Every failure is a FeedError whose code the user reads and whose detail keeps the technical cause.
 */
import { FeedError } from './feed-error';
import type { FeedErrorCode } from '../../shared/errors';
import { isPrivateHost } from '../../shared/private-address';
import type { DispatcherFor } from './proxy';
import { DROPPED_CONNECTION_CODES, nodeHttpGet, type FeedResponse, type FeedTransport } from './node-http';

export interface FetchOptions {
  /** ETag stored from the last successful fetch; sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified stored from the last successful fetch; sent as If-Modified-Since. */
  lastModified?: string | null;
  /** A fetch to carry the requests instead (Electron's net.fetch, tests). */
  fetchImpl?: typeof fetch;
  /**
   * The connection pool for each URL, asked again at every redirect: a proxy (main/feeds/proxy.ts)
   * or a trust store. When given, undici's own fetch carries the request (a Dispatcher belongs to
   * its undici); without it (and without fetchImpl), node:http connects directly (node-http.ts).
   */
  dispatcher?: DispatcherFor;
  userAgent?: string;
  /** The Accept header; feed types by default (the page client asks for HTML). */
  accept?: string;
  /** Total deadline for the whole call, redirects and body included; it also closes the connection. */
  deadlineMs?: number;
  /** Body cap, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Caller cancellation (the app is quitting). A cancelled fetch throws FeedError('error.network'). */
  signal?: AbortSignal;
  /** Clock for Retry-After given as an HTTP date. */
  now?: () => number;
  /**
   * Extra request headers (an API's keys, an API's Accept), added to and overriding the defaults.
   * They are sent on every hop: a caller sending credentials sets `maxRedirects: 0` so they never
   * follow a redirect to another host. They never appear in an error's message or detail.
   */
  headers?: Record<string, string>;
  /**
   * Read up to this many bytes of a 4xx/5xx body into FeedError.responseExcerpt (default 0: the
   * body is discarded unread). For APIs that say in the body why they refused.
   */
  errorBodyMaxBytes?: number;
  /**
   * Refuse a redirect to a host on the user's own machine or network (shared/private-address.ts):
   * for links a stranger gave (an article page from a feed on the internet), which must not make
   * the app knock on a router or a printer. The caller checks the first URL itself.
   */
  refuseRedirectsToPrivateHosts?: boolean;
}

export type FetchResult =
  | {
      kind: 'not-modified';
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      maxAgeSeconds: number | null;
    }
  | {
      kind: 'ok';
      httpStatus: number;
      finalUrl: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      maxAgeSeconds: number | null;
    };

export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; Nunchi/0.1; +https://github.com/nunchi-app/nunchi) RSS reader';
export const DEFAULT_DEADLINE_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Why our own AbortController fired; the flags tell a deadline from a caller's cancel. */
interface AbortState {
  controller: AbortController;
  reason: 'deadline' | 'cancelled' | null;
  /** The deadline in force, which the timeout message names. */
  deadlineMs: number;
}

export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const transport = options.fetchImpl
    ? transportFor(options.fetchImpl)
    : options.dispatcher
      ? resendOnceIfDropped(transportFor(await undiciFetch()))
      : nodeHttpGet;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const now = options.now ?? Date.now;

  let current = checkStartUrl(url);
  if (options.signal?.aborted) {
    throw new FeedError('error.network', `cancelled by caller before fetching ${current.href}`, {
      cause: options.signal.reason,
    });
  }

  const state: AbortState = { controller: new AbortController(), reason: null, deadlineMs };
  const timer = setTimeout(() => abort(state, 'deadline'), deadlineMs);
  const onCallerAbort = (): void => abort(state, 'cancelled');
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const headers: Record<string, string> = {
    'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    Accept: options.accept ?? ACCEPT,
    'Accept-Encoding': ACCEPT_ENCODING,
  };
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
  Object.assign(headers, options.headers);

  const visited: string[] = [];
  try {
    for (;;) {
      visited.push(current.href);
      const target = current;
      const response = await guard(state, current.href, async () =>
        transport(target.href, {
          method: 'GET',
          headers,
          signal: state.controller.signal,
          ...(options.dispatcher ? { dispatcher: await options.dispatcher(target) } : {}),
        }),
      );

      if (REDIRECT_STATUSES.has(response.status)) {
        discardBody(response);
        current = nextRedirect(response, current, visited, maxRedirects, options.refuseRedirectsToPrivateHosts === true);
        continue;
      }

      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      const maxAgeSeconds = parseMaxAge(response.headers.get('cache-control'));

      if (response.status === 304) {
        discardBody(response);
        // A 304 may omit the validators; keep the ones we sent so the caller does not forget them.
        return {
          kind: 'not-modified',
          finalUrl: current.href,
          etag: etag ?? options.etag ?? null,
          lastModified: lastModified ?? options.lastModified ?? null,
          maxAgeSeconds,
        };
      }

      if (response.status < 200 || response.status > 299) {
        const excerpt = options.errorBodyMaxBytes
          ? await readExcerpt(response, state, current.href, options.errorBodyMaxBytes)
          : (discardBody(response), null);
        throw statusError(response, current.href, now(), excerpt);
      }

      const body = await readCappedBody(response, state, current.href, maxBytes);
      if (body.length === 0) {
        throw new FeedError('error.empty_body', `HTTP ${response.status} with an empty body from ${current.href}`);
      }
      return {
        kind: 'ok',
        httpStatus: response.status,
        finalUrl: current.href,
        body,
        contentType: response.headers.get('content-type'),
        etag,
        lastModified,
        maxAgeSeconds,
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  function abort(s: AbortState, reason: 'deadline' | 'cancelled'): void {
    if (s.reason !== null) return;
    s.reason = reason;
    s.controller.abort(new Error(reason === 'deadline' ? `deadline of ${deadlineMs} ms passed` : 'cancelled by caller'));
  }
}

/**
 * A fetch as a transport: redirects handed back as they are (fetchFeed follows them itself, and
 * checks each hop). Without a fetch, fetchFeed uses node:http (node-http.ts).
 */
function transportFor(fetchImpl: typeof fetch): FeedTransport {
  return (url, init) => fetchImpl(url, { ...init, redirect: 'manual' });
}

/**
 * undici's fetch (the path through a proxy) does not send again a GET that a server dropped
 * unanswered on a reused kept-alive connection, which node-http.ts does, and it does not say
 * whether the connection was reused: a request dropped before any answer is sent once more. A
 * server that drops every request is asked twice, then reported.
 */
function resendOnceIfDropped(transport: FeedTransport): FeedTransport {
  return async (url, init) => {
    try {
      return await transport(url, init);
    } catch (error) {
      if (init.signal.aborted || !DROPPED_CONNECTION_CODES.has(findErrorCode(error) ?? '')) throw error;
      return transport(url, init);
    }
  };
}

/** undici's fetch, loaded on first use (only requests through a dispatcher need it). */
let undiciFetchPromise: Promise<typeof fetch> | null = null;
function undiciFetch(): Promise<typeof fetch> {
  undiciFetchPromise ??= import('undici').then((undici) => undici.fetch as unknown as typeof fetch);
  return undiciFetchPromise;
}

/**
 * Retry-After (RFC 9110 §10.2.3) as an epoch-millisecond instant: either delay-seconds or an
 * HTTP date. A date in the past means "now". Anything unreadable gives null.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  // Only dates that name a day and a time: Date.parse would also accept "12" or "1.5".
  if (!/[a-z]/i.test(text) || !/\d{1,2}:\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(at, now);
}

/** `max-age` from Cache-Control, in seconds; null when absent or unreadable. */
export function parseMaxAge(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  for (const directive of cacheControl.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}

function checkStartUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch (error) {
    throw new FeedError('error.invalid_url', `not a URL: ${JSON.stringify(url)}`, { cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('error.unsupported_scheme', `scheme ${parsed.protocol} refused: ${shortUrl(url)}`);
  }
  if (parsed.username || parsed.password) {
    // fetch() refuses URLs with credentials; say so plainly instead of as a network error.
    throw new FeedError('error.invalid_url', `credentials in the URL are not supported: ${parsed.host}`);
  }
  return parsed;
}

function nextRedirect(response: FeedResponse, from: URL, visited: string[], maxRedirects: number, refusePrivateHosts: boolean): URL {
  const location = response.headers.get('location');
  if (location === null || location.trim() === '') {
    throw new FeedError('error.http_unexpected_status', `HTTP ${response.status} without Location from ${from.href}`);
  }
  let target: URL;
  try {
    target = new URL(location.trim(), from); // relative Locations resolve against the current URL
  } catch (error) {
    throw new FeedError(
      'error.redirect_unsafe',
      `HTTP ${response.status} to an invalid Location ${JSON.stringify(location)} from ${from.href}`,
      { cause: error },
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new FeedError(
      'error.redirect_unsafe',
      `HTTP ${response.status} from ${from.href} to refused scheme ${target.protocol} (${shortUrl(target.href)})`,
    );
  }
  if (target.username || target.password) {
    throw new FeedError('error.redirect_unsafe', `HTTP ${response.status} from ${from.href} to a URL with credentials (${target.host})`);
  }
  if (refusePrivateHosts && isPrivateHost(target.hostname)) {
    throw new FeedError(
      'error.redirect_unsafe',
      `HTTP ${response.status} from ${from.href} to a host on this machine or its local network (${target.host})`,
    );
  }
  // `visited` holds the start URL plus every hop so far.
  if (visited.length > maxRedirects) {
    const loop = visited.includes(target.href) ? ' (loop)' : '';
    throw new FeedError(
      'error.too_many_redirects',
      `more than ${maxRedirects} redirects${loop}: ${[...visited, target.href].join(' -> ')}`,
    );
  }
  return target;
}

function statusError(response: FeedResponse, url: string, now: number, responseExcerpt: string | null): FeedError {
  const status = response.status;
  const retryAt = parseRetryAfter(response.headers.get('retry-after'), now);
  const detail =
    `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}` +
    (retryAt !== null ? `, Retry-After ${response.headers.get('retry-after')}` : '');
  return new FeedError(statusCode(status), detail, { retryAt, httpStatus: status, responseExcerpt });
}

/**
 * The first `maxBytes` of an error body as UTF-8 text (a broken last character dropped), then the
 * rest is not read. Failing to read it is not worth a different error: the status says enough.
 */
async function readExcerpt(response: FeedResponse, state: AbortState, url: string, maxBytes: number): Promise<string | null> {
  if (response.body === null) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await guard(state, url, () => reader.read());
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks, total).subarray(0, maxBytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\uFFFD$/, '');
}

function statusCode(status: number): FeedErrorCode {
  if (status === 401 || status === 403) return 'error.http_forbidden';
  if (status === 404) return 'error.http_not_found';
  if (status === 410) return 'error.http_gone';
  if (status === 429) return 'error.http_too_many_requests';
  if (status === 503) return 'error.http_unavailable';
  if (status >= 500 && status <= 599) return 'error.http_server_error';
  return 'error.http_unexpected_status';
}

/** Reads the (already decompressed) body chunk by chunk and stops as soon as it passes the cap. */
async function readCappedBody(response: FeedResponse, state: AbortState, url: string, maxBytes: number): Promise<Buffer> {
  // Without compression the declared length is the real one: refuse before reading a byte.
  const declared = Number(response.headers.get('content-length'));
  const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    state.controller.abort(new Error('body too large'));
    throw new FeedError('error.response_too_large', `Content-Length ${declared} > ${maxBytes} bytes from ${url}`, {
      args: sizeLimitArgs(maxBytes),
    });
  }
  if (response.body === null) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await guard(state, url, () => reader.read());
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Aborting (not just cancelling the reader) makes undici drop the socket mid-body.
      state.controller.abort(new Error('body too large'));
      reader.cancel().catch(() => undefined);
      throw new FeedError('error.response_too_large', `body passed ${maxBytes} bytes after decompression from ${url}`, {
        args: sizeLimitArgs(maxBytes),
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Runs one network step so that it ends when our abort signal fires, even if an injected fetch
 * ignores the signal, and turns whatever it throws into a FeedError.
 */
async function guard<T>(state: AbortState, url: string, step: () => Promise<T>): Promise<T> {
  const signal = state.controller.signal;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    // The abort reason is our own Error (deadline, size) or the caller's; networkError reads state.reason.
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([step(), aborted]);
  } catch (error) {
    throw networkError(error, state, url);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function networkError(error: unknown, state: AbortState, url: string): FeedError {
  if (error instanceof FeedError) return error;
  if (state.reason === 'deadline') {
    return new FeedError('error.timeout', `${describe(state.controller.signal.reason)} while fetching ${url}`, {
      cause: error,
      args: deadlineArgs(state),
    });
  }
  if (state.reason === 'cancelled') {
    return new FeedError('error.network', `cancelled by caller while fetching ${url}`, { cause: error });
  }
  const code = findErrorCode(error);
  const detail = `${describeChain(error)} (${url})`;
  const classified = classifyNetworkCode(code, detail);
  return new FeedError(classified, detail, { cause: error, args: classified === 'error.timeout' ? deadlineArgs(state) : undefined });
}

/** The limits the user's message names ("20초 초과", "15 MiB 초과") are the ones in force. */
function deadlineArgs(state: AbortState): { seconds: number } {
  return { seconds: state.deadlineMs / 1000 };
}

function sizeLimitArgs(maxBytes: number): { mebibytes: number } {
  return { mebibytes: maxBytes / (1024 * 1024) };
}

function classifyNetworkCode(code: string | null, detail: string): FeedErrorCode {
  const c = code ?? '';
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA|EAI_FAIL)$/.test(c) || /ERR_NAME_NOT_RESOLVED/.test(detail)) {
    return 'error.network_dns';
  }
  if (c === 'ECONNREFUSED' || /ERR_CONNECTION_REFUSED/.test(detail)) return 'error.network_refused';
  if (/^(Z_|ERR__ERROR_FORMAT|ERR_BROTLI|ERR_ZLIB)/.test(c) || /ERR_CONTENT_DECODING_FAILED/.test(detail)) {
    return 'error.bad_compression';
  }
  if (
    /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/.test(c) ||
    /ERR_CERT_|ERR_SSL_/.test(detail)
  ) {
    return 'error.tls';
  }
  if (/^(UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ETIMEDOUT)$/.test(c) || /ERR_TIMED_OUT/.test(detail)) {
    return 'error.timeout';
  }
  return 'error.network';
}

/** undici wraps the real cause: TypeError('fetch failed', { cause: Error{ code: 'ENOTFOUND' } }). */
function findErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    parts.push(describe(current));
    current = current instanceof Object ? (current as { cause?: unknown }).cause : undefined;
  }
  return parts.join(' <- ');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.message} [${code}]` : error.message;
}

/** Lets the connection be reused without reading a body we do not want. */
function discardBody(response: FeedResponse): void {
  response.body?.cancel().catch(() => undefined);
}

/** `data:` URLs can be huge; keep log lines short. */
function shortUrl(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}
