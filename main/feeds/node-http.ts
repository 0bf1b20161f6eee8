/**
 * The fetch stage's transport in plain Node (the CLI, `nunchi run`, the desktop engine when no
 * proxy applies): one GET over node:http / node:https, answered in the small part of the WHATWG
 * Response that fetchFeed reads (FeedResponse).
 *
 * Why not Node's global fetch: for a feed poll it costs twice the CPU per request (WHATWG
 * streams, Headers, its own compile of undici at the first call): 500 conditional GETs answered
 * 304 took 180–200 ms here against 360–390 ms through fetch, and a warm poll is little else.
 * What fetch did for us, this does the same way: keep-alive connections, a redirect handed back
 * as it is (fetchFeed follows redirects itself), gzip / deflate / br decoded with the same
 * lenient flushing (a truncated gzip still gives what arrived), an unknown coding passed through.
 */
import type * as httpModule from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type * as httpsModule from 'node:https';
import { createRequire } from 'node:module';
import type { Readable, Transform } from 'node:stream';
import type * as zlibModule from 'node:zlib';

/** What fetchFeed reads of a response: a WHATWG Response has it, and so does nodeHttpGet's answer. */
export interface FeedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: FeedResponseBody | null;
}

export interface FeedResponseBody {
  getReader(): { read(): Promise<{ done: true; value?: Uint8Array } | { done: false; value: Uint8Array }>; cancel(): Promise<void> };
  cancel(): Promise<void>;
}

export interface FeedRequestInit {
  method: 'GET';
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** A transport: the global fetch, Electron's net.fetch, undici's fetch, or nodeHttpGet. */
export type FeedTransport = (url: string, init: FeedRequestInit) => Promise<FeedResponse>;

/**
 * Node's modules are loaded with the first request, not with this module: a read command (which
 * loads the engine, and so this) never pays for them (node:http alone is ~5 ms of its start-up),
 * and a poll of http feeds never loads TLS.
 */
const load = <T>(name: string): T => createRequire(import.meta.url)(name) as T;
let httpClient: { http: typeof httpModule; agent: httpModule.Agent; pipeline: typeof import('node:stream').pipeline } | null = null;
let httpsClient: { https: typeof httpsModule; agent: httpsModule.Agent } | null = null;
let zlib: typeof zlibModule | null = null;

/**
 * Connections stay open between polls of one host (as fetch's did). An idle socket does not keep
 * the process alive (Node unrefs the agent's free sockets) and closes after 5 s, as Node's own
 * global agent does.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 5_000, scheduling: 'lifo' } as const;

function httpOnce(): NonNullable<typeof httpClient> {
  if (!httpClient) {
    const http = load<typeof httpModule>('node:http');
    httpClient = { http, agent: new http.Agent(AGENT_OPTIONS), pipeline: load<typeof import('node:stream')>('node:stream').pipeline };
  }
  return httpClient;
}

function httpsOnce(): NonNullable<typeof httpsClient> {
  if (!httpsClient) {
    const https = load<typeof httpsModule>('node:https');
    httpsClient = { https, agent: new https.Agent(AGENT_OPTIONS) };
  }
  return httpsClient;
}

/** Statuses whose body fetch leaves undecoded (none is expected, or it is a redirect's). */
const UNDECODED_STATUSES = new Set([101, 204, 205, 304, 301, 302, 303, 307, 308]);

export const nodeHttpGet: FeedTransport = (url, init) => sendGet(url, init, 1);

/**
 * Sends one GET. A server closes an idle kept-alive connection after a timeout of its own (Node's
 * 5 s, nginx's 75 s), and a request sent on it as it closes is dropped unanswered ("socket hang
 * up"): that request is sent again on another connection, as Node's documentation advises for a
 * reused socket and as browsers do (a GET asks for nothing twice). Each dropped connection is
 * gone from the pool, so this ends: a request dropped on a new connection is the server's
 * failure and is reported (MAX_ATTEMPTS bounds it anyway).
 */
function sendGet(url: string, init: FeedRequestInit, attempt: number): Promise<FeedResponse> {
  return new Promise<FeedResponse>((resolve, reject) => {
    const target = new URL(url);
    const options = { method: init.method, headers: init.headers, signal: init.signal };
    let request: ClientRequest;
    if (target.protocol === 'https:') {
      const { https, agent } = httpsOnce();
      request = https.request(target, { ...options, agent });
    } else {
      const { http, agent } = httpOnce();
      request = http.request(target, { ...options, agent });
    }
    const failed = (error: Error): void => {
      if (request.reusedSocket && droppedUnanswered(error) && !init.signal.aborted && attempt < MAX_ATTEMPTS) {
        resolve(sendGet(url, init, attempt + 1));
      } else {
        reject(error);
      }
    };
    request.once('error', failed);
    request.once('response', (response) => {
      // From here a failure (a reset mid-body, bad compressed data) reaches the body's reader.
      request.off('error', failed);
      request.on('error', () => undefined);
      resolve(answer(response, request));
    });
    request.end();
  });
}

/** A request and the connections it may try (one, and those the server dropped from under it). */
const MAX_ATTEMPTS = 4;

/** The codes of a connection closed or reset before any answer came (UND_ERR_SOCKET: undici's). */
export const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function droppedUnanswered(error: Error): boolean {
  return DROPPED_CONNECTION_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

function answer(response: IncomingMessage, request: ClientRequest): FeedResponse {
  const status = response.statusCode ?? 0;
  const headers = {
    get(name: string): string | null {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  const decoders = UNDECODED_STATUSES.has(status) ? [] : decodersFor(headers.get('content-encoding'));
  // pipeline destroys every stage with the first error, which the reader then throws.
  if (decoders.length > 0) httpOnce().pipeline([response, ...decoders], () => undefined);
  const stream: Readable = decoders.at(-1) ?? response;
  const cancel = (): Promise<void> => {
    // Dropping the socket mid-body, as fetch's cancel did: a body we do not want is not read to its end.
    request.destroy();
    stream.destroy();
    return Promise.resolve();
  };
  return {
    status,
    statusText: response.statusMessage ?? '',
    headers,
    body: {
      getReader() {
        const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        return {
          read: async () => {
            const next = await chunks.next();
            return next.done ? { done: true } : { done: false, value: next.value };
          },
          cancel,
        };
      },
      cancel: () => (smallBody(status, headers.get('content-length')) ? drain(response) : cancel()),
    },
  };
}

/** Read to its end rather than dropped: a 304's, a redirect's or an error's short page. */
const SMALL_BODY_BYTES = 16 * 1024;

function smallBody(status: number, contentLength: string | null): boolean {
  if (status === 304 || status === 204) return true;
  return contentLength !== null && /^\d+$/.test(contentLength) && Number(contentLength) <= SMALL_BODY_BYTES;
}

/** A short body is read to its end (and thrown away), so that the connection goes back to the pool. */
function drain(response: IncomingMessage): Promise<void> {
  response.resume();
  return Promise.resolve();
}

/**
 * The decoders for Content-Encoding, last applied first (RFC 9110 §8.4): what fetch decodes, with
 * its lenient flushing. An unknown coding leaves the body as it came, as fetch does.
 */
function decodersFor(contentEncoding: string | null): Transform[] {
  if (!contentEncoding) return [];
  zlib ??= load<typeof zlibModule>('node:zlib');
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const decoders: Transform[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') {
      decoders.push(zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    } else if (coding === 'deflate') {
      decoders.push(zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    } else if (coding === 'br') {
      decoders.push(
        zlib.createBrotliDecompress({
          flush: zlib.constants.BROTLI_OPERATION_FLUSH,
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        }),
      );
    } else {
      return [];
    }
  }
  return decoders;
}
