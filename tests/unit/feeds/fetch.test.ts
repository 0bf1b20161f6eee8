import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import {
  DEFAULT_USER_AGENT,
  fetchFeed,
  parseMaxAge,
  parseRetryAfter,
  type FetchOptions,
  type FetchResult,
} from '../../../main/feeds/fetch';
import { FeedError } from '../../../main/feeds/feed-error';
import { Agent } from 'undici';
import { startFeedServer, type FeedServer, type RouteHandler } from '../../helpers/feed-server';

const MiB = 1024 * 1024;
const RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>테크 뉴스</title></channel></rss>';

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

/** Runs fetchFeed and returns the FeedError it must throw. */
async function fetchError(url: string, options?: FetchOptions): Promise<FeedError> {
  let result: FetchResult;
  try {
    result = await fetchOver(url, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error(`expected a FeedError, got ${result.kind}`);
}

async function fetchOk(url: string, options?: FetchOptions): Promise<Extract<FetchResult, { kind: 'ok' }>> {
  const result = await fetchOver(url, options);
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
  return result;
}

/** Fails clearly instead of hanging until the test timeout. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise that resolves when the server side of the request's socket closes. */
function socketClosed(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.socket.destroyed) resolve();
    else req.socket.once('close', () => resolve());
  });
}

/**
 * A handler that streams `total` bytes of `chunk` with backpressure and stops when the client
 * goes away. `stats.closed` resolves when the server saw the socket close.
 */
function streamingRoute(total: number, headers: Record<string, string> = {}, chunk = Buffer.alloc(64 * 1024, 0x61)) {
  let markClosed: () => void = () => undefined;
  const stats = {
    written: 0,
    finished: false,
    closed: new Promise<void>((resolve) => (markClosed = resolve)),
  };
  const handler: RouteHandler = async (req, res) => {
    void socketClosed(req).then(markClosed);
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ...headers });
    while (stats.written < total && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - stats.written));
      stats.written += piece.length;
      if (!res.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    }
    if (!res.destroyed) {
      stats.finished = true;
      res.end();
    }
  };
  return { handler, stats };
}

/** Compresses `megabytes` MiB of zeros without ever holding them in memory: a decompression bomb. */
async function compressZeros(stream: zlib.Gzip | zlib.BrotliCompress, megabytes: number): Promise<Buffer> {
  const out: Buffer[] = [];
  stream.on('data', (piece: Buffer) => out.push(piece));
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < megabytes; i++) {
    if (!stream.write(zeros)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await ended;
  return Buffer.concat(out);
}

/**
 * Every network case runs over both transports: node:http (what the CLI and the engine use in
 * plain Node) and a WHATWG fetch (what Electron's net.fetch and the proxy path through undici are).
 */
const TRANSPORTS: Array<[string, typeof fetch | undefined]> = [
  ['node:http', undefined],
  ['fetch', fetch],
];
let carrier: typeof fetch | undefined;

/** fetchFeed over the transport of the block in force; a test's own fetchImpl wins. */
function fetchOver(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  return fetchFeed(url, carrier && !options.fetchImpl ? { ...options, fetchImpl: carrier } : options);
}

describe.each(TRANSPORTS)('over %s', (_name, transport) => {
  beforeEach(() => {
    carrier = transport;
  });

  describe('fetchFeed: a plain 200', () => {
    it('returns the body, validators, content type, max-age and final URL', async () => {
      server.route('/rss', {
        headers: {
          'Content-Type': 'application/rss+xml; charset=UTF-8',
          ETag: '"v1"',
          'Last-Modified': 'Sun, 23 Jun 2024 06:15:00 GMT',
          'Cache-Control': 'public, max-age=600',
        },
        body: RSS,
      });
      const result = await fetchOk(server.url('/rss'));
      expect(result).toMatchObject({
        kind: 'ok',
        httpStatus: 200,
        finalUrl: server.url('/rss'),
        contentType: 'application/rss+xml; charset=UTF-8',
        etag: '"v1"',
        lastModified: 'Sun, 23 Jun 2024 06:15:00 GMT',
        maxAgeSeconds: 600,
      });
      expect(result.body.toString('utf8')).toBe(RSS);
    });

    it('sends a real User-Agent, an Accept for feeds and Accept-Encoding, and no validators it was not given', async () => {
      server.route('/rss', { body: RSS });
      await fetchOk(server.url('/rss'));
      const headers = server.requests[0]?.headers;
      expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
      expect(DEFAULT_USER_AGENT).toMatch(/^Mozilla\/5\.0 \(compatible; Nunchi\//);
      expect(headers?.accept).toContain('application/rss+xml');
      expect(headers?.accept).toContain('application/atom+xml');
      expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
      expect(headers?.['if-none-match']).toBeUndefined();
      expect(headers?.['if-modified-since']).toBeUndefined();
    });

    it('uses the User-Agent it is given', async () => {
      server.route('/rss', { body: RSS });
      await fetchOk(server.url('/rss'), { userAgent: 'Custom/1.0' });
      expect(server.requests[0]?.headers['user-agent']).toBe('Custom/1.0');
    });

    it('reports null for absent headers', async () => {
      server.route('/rss', { body: RSS });
      const result = await fetchOk(server.url('/rss'));
      expect(result.etag).toBeNull();
      expect(result.lastModified).toBeNull();
      expect(result.maxAgeSeconds).toBeNull();
      expect(result.contentType).toBeNull();
    });

    it('goes through an injected fetch implementation (Electron passes net.fetch)', async () => {
      server.route('/rss', { body: RSS });
      const seen: string[] = [];
      const fetchImpl: typeof fetch = (input, init) => {
        seen.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      };
      const result = await fetchOk(server.url('/rss'), { fetchImpl });
      expect(seen).toEqual([server.url('/rss')]);
      expect(result.body.toString()).toBe(RSS);
    });
  });

  describe('fetchFeed: conditional GET', () => {
    const validators = { ETag: '"abc"', 'Last-Modified': 'Sun, 23 Jun 2024 06:15:00 GMT', 'Cache-Control': 'max-age=300' };

    it('sends If-None-Match and turns 304 into not-modified', async () => {
      server.route('/rss', { headers: validators, body: RSS });
      const first = await fetchOk(server.url('/rss'));
      const second = await fetchOver(server.url('/rss'), { etag: first.etag });
      expect(second).toEqual({
        kind: 'not-modified',
        finalUrl: server.url('/rss'),
        etag: '"abc"',
        lastModified: 'Sun, 23 Jun 2024 06:15:00 GMT',
        maxAgeSeconds: 300,
      });
      expect(server.requests[1]?.headers['if-none-match']).toBe('"abc"');
      expect(server.requestCount('/rss')).toBe(2);
    });

    it('sends If-Modified-Since and turns 304 into not-modified', async () => {
      server.route('/rss', { headers: { 'Last-Modified': 'Sun, 23 Jun 2024 06:15:00 GMT' }, body: RSS });
      const result = await fetchOver(server.url('/rss'), { lastModified: 'Sun, 23 Jun 2024 06:15:00 GMT' });
      expect(result.kind).toBe('not-modified');
      expect(server.requests[0]?.headers['if-modified-since']).toBe('Sun, 23 Jun 2024 06:15:00 GMT');
    });

    it('gets the new body when the ETag changed', async () => {
      server.route('/rss', { headers: { ETag: '"v2"' }, body: RSS });
      const result = await fetchOk(server.url('/rss'), { etag: '"v1"' });
      expect(result.etag).toBe('"v2"');
      expect(result.body.toString()).toBe(RSS);
    });

    it('keeps the validators it sent when a 304 omits them', async () => {
      server.route('/rss', (_req, res) => void res.writeHead(304).end());
      const result = await fetchOver(server.url('/rss'), { etag: '"old"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
      expect(result).toEqual({
        kind: 'not-modified',
        finalUrl: server.url('/rss'),
        etag: '"old"',
        lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
        maxAgeSeconds: null,
      });
    });

    it('sends the validators again after a redirect and reports the final URL', async () => {
      server.route('/old', { status: 301, headers: { Location: '/new' } });
      server.route('/new', { headers: { ETag: '"n"' }, body: RSS });
      const result = await fetchOver(server.url('/old'), { etag: '"n"' });
      expect(result).toMatchObject({ kind: 'not-modified', finalUrl: server.url('/new') });
      expect(server.requests[1]?.headers['if-none-match']).toBe('"n"');
    });
  });

  describe('fetchFeed: compression', () => {
    it.each([
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const)('decodes %s', async (encoding, compress) => {
      const text = `${RSS}<!-- ${'카카오브레인 '.repeat(200)} -->`;
      server.route('/rss', { headers: { 'Content-Encoding': encoding }, body: compress(Buffer.from(text)) });
      const result = await fetchOk(server.url('/rss'));
      expect(result.body.toString('utf8')).toBe(text);
    });

    it('reports corrupt compressed data as error.bad_compression', async () => {
      server.route('/rss', { headers: { 'Content-Encoding': 'gzip' }, body: Buffer.from('this is not gzip at all') });
      const error = await fetchError(server.url('/rss'));
      expect(error.code).toBe('error.bad_compression');
      expect(error.detail).toContain('Z_DATA_ERROR');
      expect(error.detail).toContain(server.url('/rss'));
    });
  });

  describe('fetchFeed: the total deadline', () => {
    it('aborts a body that trickles one byte every 200 ms and closes the socket', async () => {
      let closed: Promise<void> = Promise.resolve();
      let bytesSent = 0;
      server.route('/trickle', (req, res) => {
        closed = socketClosed(req);
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        const timer = setInterval(() => {
          res.write('<');
          bytesSent++;
        }, 200);
        res.once('close', () => clearInterval(timer));
      });
      const started = Date.now();
      const error = await fetchError(server.url('/trickle'), { deadlineMs: 800 });
      const elapsed = Date.now() - started;
      expect(error.code).toBe('error.timeout');
      expect(error.detail).toContain('800 ms');
      // The user is told the deadline that was in force, not a fixed "20초".
      expect(error.userMessage('ko')).toBe('서버가 제시간에 응답하지 않았습니다 (0.8초 초과).');
      expect(error.detail).toContain(server.url('/trickle'));
      expect(elapsed).toBeGreaterThanOrEqual(750);
      expect(elapsed).toBeLessThan(5_000);
      await within(closed, 2_000, 'socket close'); // the server saw the client drop the connection
      const sentAtClose = bytesSent;
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(bytesSent).toBe(sentAtClose); // and nothing more was written after it
    });

    it('aborts a server that never sends headers and closes the socket', async () => {
      let closed: Promise<void> = Promise.resolve();
      server.route('/silent', (req) => {
        closed = socketClosed(req);
      });
      const error = await fetchError(server.url('/silent'), { deadlineMs: 300 });
      expect(error.code).toBe('error.timeout');
      expect(error.userMessage('en')).toBe('The server did not answer in time (over 0.3 seconds).');
      await within(closed, 2_000, 'socket close');
    });

    it('counts redirects and body together against one deadline', async () => {
      const hop: RouteHandler = (req, res) => {
        const next = Number(req.url?.slice('/hop'.length)) + 1;
        setTimeout(() => res.writeHead(302, { Location: `/hop${next}` }).end(), 250);
      };
      for (let i = 0; i < 5; i++) server.route(`/hop${i}`, hop);
      server.route('/hop5', { body: RSS });
      const error = await fetchError(server.url('/hop0'), { deadlineMs: 600 });
      expect(error.code).toBe('error.timeout');
      expect(server.requestCount('/hop5')).toBe(0);
    });

    it('still ends on time when an injected fetch ignores the abort signal', async () => {
      const deafFetch: typeof fetch = () => new Promise<Response>(() => undefined);
      const error = await fetchError(server.url('/rss'), { deadlineMs: 200, fetchImpl: deafFetch });
      expect(error.code).toBe('error.timeout');
    });

    it('lets the caller cancel a fetch in flight, closing the socket', async () => {
      let closed: Promise<void> = Promise.resolve();
      let arrived: () => void = () => undefined;
      const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
      server.route('/hang', (req, res) => {
        closed = socketClosed(req);
        res.writeHead(200);
        res.write('<rss>');
        arrived();
      });
      const controller = new AbortController();
      const pending = fetchError(server.url('/hang'), { signal: controller.signal });
      await requestArrived;
      controller.abort();
      const error = await pending;
      expect(error.code).toBe('error.network');
      expect(error.detail).toContain('cancelled');
      await within(closed, 2_000, 'socket close');
    });

    it('does not even connect when the caller signal is already aborted', async () => {
      server.route('/rss', { body: RSS });
      const error = await fetchError(server.url('/rss'), { signal: AbortSignal.abort() });
      expect(error.code).toBe('error.network');
      expect(server.requestCount('/rss')).toBe(0);
    });
  });

  describe('fetchFeed: the body cap, counted after decompression', () => {
    it('stops a 100 MB body at maxBytes and closes the connection', async () => {
      const { handler, stats } = streamingRoute(100 * 1000 * 1000);
      server.route('/huge', handler);
      const error = await fetchError(server.url('/huge'), { maxBytes: 1 * MiB });
      expect(error.code).toBe('error.response_too_large');
      expect(error.userMessage('en')).toBe('The feed is too large (over 1 MiB).');
      expect(error.detail).toContain(String(1 * MiB));
      await within(stats.closed, 2_000, 'socket close');
      expect(stats.finished).toBe(false);
      expect(stats.written).toBeLessThan(20 * MiB);
    });

    it('accepts exactly 15 MiB by default and refuses one byte more', async () => {
      const exact = streamingRoute(15 * MiB);
      server.route('/exact', exact.handler);
      const ok = await fetchOk(server.url('/exact'));
      expect(ok.body.length).toBe(15 * MiB);

      const over = streamingRoute(15 * MiB + 1);
      server.route('/over', over.handler);
      const error = await fetchError(server.url('/over'));
      expect(error.code).toBe('error.response_too_large');
      expect(error.detail).toContain(String(15 * MiB));
    });

    it('refuses a declared Content-Length over the cap before reading the body', async () => {
      let closed: Promise<void> = Promise.resolve();
      server.route('/declared', (req, res) => {
        closed = socketClosed(req);
        res.writeHead(200, { 'Content-Length': String(50 * MiB) });
        res.write('<rss>'); // and then nothing: a client that waited for the body would time out
      });
      const error = await fetchError(server.url('/declared'), { maxBytes: MiB, deadlineMs: 5_000 });
      expect(error.code).toBe('error.response_too_large');
      expect(error.detail).toContain('Content-Length');
      await within(closed, 2_000, 'socket close');
    });

    describe('decompression bombs', () => {
      let gzipBomb: Buffer;
      let brotliBomb: Buffer;
      beforeAll(async () => {
        gzipBomb = await compressZeros(zlib.createGzip({ level: 9 }), 200);
        brotliBomb = await compressZeros(zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), 200);
      });

      it('stops a gzip bomb (200 MB of zeros in ~200 KB) at the default 15 MiB', async () => {
        expect(gzipBomb.length).toBeLessThan(MiB);
        server.route('/bomb', { headers: { 'Content-Encoding': 'gzip' }, body: gzipBomb });
        const error = await fetchError(server.url('/bomb'));
        expect(error.code).toBe('error.response_too_large');
        expect(error.detail).toContain('after decompression');
      });

      it('stops a brotli bomb at a smaller maxBytes', async () => {
        expect(brotliBomb.length).toBeLessThan(64 * 1024);
        server.route('/bomb', { headers: { 'Content-Encoding': 'br' }, body: brotliBomb });
        const error = await fetchError(server.url('/bomb'), { maxBytes: 2 * MiB });
        expect(error.code).toBe('error.response_too_large');
      });
    });
  });

  describe('fetchFeed: redirects', () => {
    it('follows a relative Location and reports the final URL', async () => {
      server.route('/a/b/feed', { status: 302, headers: { Location: '../moved/rss.xml?x=1' } });
      server.route('/a/moved/rss.xml?x=1', { body: RSS });
      const result = await fetchOk(server.url('/a/b/feed'));
      expect(result.finalUrl).toBe(server.url('/a/moved/rss.xml?x=1'));
      expect(result.body.toString()).toBe(RSS);
    });

    it.each([301, 302, 303, 307, 308])('follows %i', async (status) => {
      server.route('/from', { status, headers: { Location: server.url('/to') } });
      server.route('/to', { body: RSS });
      const result = await fetchOk(server.url('/from'));
      expect(result.finalUrl).toBe(server.url('/to'));
    });

    function chain(hops: number): void {
      for (let i = 0; i < hops; i++) server.route(`/r${i}`, { status: 302, headers: { Location: `/r${i + 1}` } });
      server.route(`/r${hops}`, { body: RSS });
    }

    it('follows 5 redirects', async () => {
      chain(5);
      const result = await fetchOk(server.url('/r0'));
      expect(result.finalUrl).toBe(server.url('/r5'));
    });

    it('refuses a 6th redirect with error.too_many_redirects', async () => {
      chain(6);
      const error = await fetchError(server.url('/r0'));
      expect(error.code).toBe('error.too_many_redirects');
      expect(server.requestCount('/r6')).toBe(0);
      expect(server.requestCount('/r5')).toBe(1);
    });

    it('honours a smaller maxRedirects', async () => {
      chain(1);
      const error = await fetchError(server.url('/r0'), { maxRedirects: 0 });
      expect(error.code).toBe('error.too_many_redirects');
      expect(server.requestCount('/r1')).toBe(0);
    });

    it('ends a redirect loop with error.too_many_redirects', async () => {
      server.route('/ping', { status: 302, headers: { Location: '/pong' } });
      server.route('/pong', { status: 302, headers: { Location: '/ping' } });
      const error = await fetchError(server.url('/ping'));
      expect(error.code).toBe('error.too_many_redirects');
      expect(error.detail).toContain('loop');
      expect(server.requestCount('/ping') + server.requestCount('/pong')).toBe(6);
    });

    it.each(['file:///etc/passwd', 'data:text/xml,<rss/>', 'javascript:alert(1)', 'ftp://example.com/feed.xml'])(
      'refuses a redirect to %s with error.redirect_unsafe',
      async (location) => {
        server.route('/evil', { status: 302, headers: { Location: location } });
        const error = await fetchError(server.url('/evil'));
        expect(error.code).toBe('error.redirect_unsafe');
        expect(error.detail).toContain(location.split(':')[0]);
        expect(error.detail).toContain(server.url('/evil'));
      },
    );

    it('treats a redirect without Location as an unexpected status', async () => {
      server.route('/nowhere', { status: 302 });
      const error = await fetchError(server.url('/nowhere'));
      expect(error.code).toBe('error.http_unexpected_status');
      expect(error.detail).toContain('302');
    });
  });

  describe('fetchFeed: URLs refused up front', () => {
    it.each(['file:///etc/passwd', 'data:application/rss+xml,<rss/>', 'javascript:alert(1)', 'ftp://example.com/rss'])(
      'refuses %s with error.unsupported_scheme',
      async (url) => {
        const calls: string[] = [];
        const fetchImpl: typeof fetch = (input) => {
          calls.push(input instanceof Request ? input.url : input.toString());
          return Promise.reject(new Error('must not be called'));
        };
        const error = await fetchError(url, { fetchImpl });
        expect(error.code).toBe('error.unsupported_scheme');
        expect(calls).toEqual([]);
      },
    );

    it.each(['', 'not a url', 'http://'])('refuses %j with error.invalid_url', async (url) => {
      const error = await fetchError(url);
      expect(error.code).toBe('error.invalid_url');
    });

    it('refuses credentials in the URL with error.invalid_url', async () => {
      const error = await fetchError('http://user:secret@127.0.0.1/rss');
      expect(error.code).toBe('error.invalid_url');
      expect(error.detail).not.toContain('secret');
    });
  });

  describe('fetchFeed: HTTP errors', () => {
    it.each([
      [401, 'error.http_forbidden'],
      [403, 'error.http_forbidden'],
      [404, 'error.http_not_found'],
      [410, 'error.http_gone'],
      [500, 'error.http_server_error'],
      [502, 'error.http_server_error'],
      [504, 'error.http_server_error'],
      [418, 'error.http_unexpected_status'],
      [300, 'error.http_unexpected_status'],
    ] as const)('maps %i to %s with the status and URL in the detail', async (status, code) => {
      server.route('/x', { status, body: 'nope' });
      const error = await fetchError(server.url('/x'));
      expect(error.code).toBe(code);
      expect(error.detail).toContain(String(status));
      expect(error.detail).toContain(server.url('/x'));
      expect(error.retryAt).toBeNull();
      expect(error.userMessage('ko')).not.toBe('');
    });

    const now = Date.UTC(2024, 5, 23, 6, 0, 0);

    it('turns 429 with Retry-After in seconds into retryAt', async () => {
      server.route('/x', { status: 429, headers: { 'Retry-After': '120' } });
      const error = await fetchError(server.url('/x'), { now: () => now });
      expect(error.code).toBe('error.http_too_many_requests');
      expect(error.retryAt).toBe(now + 120_000);
    });

    it('turns 503 with Retry-After as an HTTP date into retryAt', async () => {
      server.route('/x', { status: 503, headers: { 'Retry-After': 'Sun, 23 Jun 2024 07:30:00 GMT' } });
      const error = await fetchError(server.url('/x'), { now: () => now });
      expect(error.code).toBe('error.http_unavailable');
      expect(error.retryAt).toBe(Date.UTC(2024, 5, 23, 7, 30, 0));
      expect(error.detail).toContain('503');
    });

    it('leaves retryAt null for 429 and 503 without Retry-After', async () => {
      server.route('/a', { status: 429 });
      server.route('/b', { status: 503 });
      expect((await fetchError(server.url('/a'))).retryAt).toBeNull();
      const unavailable = await fetchError(server.url('/b'));
      expect(unavailable.code).toBe('error.http_unavailable');
      expect(unavailable.retryAt).toBeNull();
    });

    it('reports a 200 with an empty body as error.empty_body', async () => {
      server.route('/empty', { body: '' });
      const error = await fetchError(server.url('/empty'));
      expect(error.code).toBe('error.empty_body');
      expect(error.detail).toContain('200');
    });

    it('reports a 204 as error.empty_body', async () => {
      server.route('/nocontent', (_req, res) => void res.writeHead(204).end());
      const error = await fetchError(server.url('/nocontent'));
      expect(error.code).toBe('error.empty_body');
    });
  });

  describe('fetchFeed: API use (extra headers, error bodies)', () => {
    it('sends extra headers, overriding the default Accept', async () => {
      server.route('/api', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[]}' });
      await fetchOk(server.url('/api'), { headers: { 'X-Naver-Client-Id': 'id-1', Accept: 'application/json' } });
      const sent = server.requests.at(-1)?.headers;
      expect(sent?.['x-naver-client-id']).toBe('id-1');
      expect(sent?.accept).toBe('application/json');
      expect(sent?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    });

    it('keeps the status and, when asked, the start of an error body (never in the message)', async () => {
      const body = JSON.stringify({ errorMessage: '호출 한도를 초과하였습니다.', errorCode: '010' }) + ' '.repeat(10_000);
      server.route('/api', { status: 429, headers: { 'Content-Type': 'application/json' }, body });
      const error = await fetchError(server.url('/api'), { errorBodyMaxBytes: 512 });
      expect(error.code).toBe('error.http_too_many_requests');
      expect(error.httpStatus).toBe(429);
      expect(error.responseExcerpt?.startsWith('{"errorMessage":"호출 한도를 초과하였습니다.","errorCode":"010"}')).toBe(true);
      expect(error.responseExcerpt?.length).toBeLessThanOrEqual(512);
      expect(error.message).not.toContain('errorCode');
    });

    it('cuts the excerpt at the byte limit without a broken last character', async () => {
      server.route('/api', { status: 500, body: '가나다라' }); // 3 bytes a syllable
      const error = await fetchError(server.url('/api'), { errorBodyMaxBytes: 7 });
      expect(error.responseExcerpt).toBe('가나');
    });

    it('reads no error body unless asked', async () => {
      server.route('/api', { status: 401, body: 'secret-looking text' });
      const error = await fetchError(server.url('/api'));
      expect(error.httpStatus).toBe(401);
      expect(error.responseExcerpt).toBeNull();
    });
  });

  describe('fetchFeed: network errors', () => {
    it('maps a refused connection to error.network_refused', async () => {
      // A port that was just free: listen, note it, close.
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));

      const error = await fetchError(`http://127.0.0.1:${port}/rss`);
      expect(error.code).toBe('error.network_refused');
      expect(error.detail).toContain('ECONNREFUSED');
      expect(error.detail).toContain(`127.0.0.1:${port}`);
    });

    it('maps a name that does not resolve to error.network_dns', async () => {
      // RFC 6761: .invalid never resolves.
      const error = await fetchError('http://feeds.nunchi-test.invalid/rss');
      expect(error.code).toBe('error.network_dns');
      expect(error.detail).toMatch(/ENOTFOUND|EAI_AGAIN/);
      expect(error.detail).toContain('feeds.nunchi-test.invalid');
    });

    it('maps a connection reset mid-body to error.network', async () => {
      server.route('/reset', (req, res) => {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('<rss>');
        setTimeout(() => req.socket.destroy(), 50);
      });
      const error = await fetchError(server.url('/reset'));
      expect(error.code).toBe('error.network');
      expect(error.detail).toContain(server.url('/reset'));
    });

    it('maps Electron net.fetch errors by their net:: names', async () => {
      const failWith =
        (message: string): typeof fetch =>
        () =>
          Promise.reject(new Error(message));
      const url = 'https://feed.example.com/rss';
      expect((await fetchError(url, { fetchImpl: failWith('net::ERR_NAME_NOT_RESOLVED') })).code).toBe('error.network_dns');
      expect((await fetchError(url, { fetchImpl: failWith('net::ERR_CONNECTION_REFUSED') })).code).toBe('error.network_refused');
      expect((await fetchError(url, { fetchImpl: failWith('net::ERR_CERT_AUTHORITY_INVALID') })).code).toBe('error.tls');
    });
  });
});

/**
 * node:http: its agent reuses a kept-alive connection for the next request to the host (last freed
 * first), so the race below is certain. Chromium's stack under Electron's net.fetch sends a request
 * dropped on a reused connection again by itself; undici's fetch (the proxy path) is below.
 */
describe('fetchFeed over node:http: a kept-alive connection the server has dropped', () => {
  beforeEach(() => {
    carrier = undefined;
  });

  /**
   * A server closes an idle kept-alive connection after its own timeout (Node's: 5 s, nginx's:
   * 75 s); a request sent on it as it closes is dropped unanswered. This server drops every
   * request after the first on a connection, which is that race made certain.
   */
  function dropReusedConnections(): void {
    const served = new WeakSet<object>();
    server.route('/rss', (req, res) => {
      if (served.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS);
    });
  }

  it('asks again on a new connection when a reused one is dropped without an answer', async () => {
    dropReusedConnections();
    await fetchOk(server.url('/rss'));
    const again = await fetchOk(server.url('/rss'));
    expect(new TextDecoder().decode(again.body)).toBe(RSS);
    // The first, the one dropped on the reused connection, and the one asked again.
    expect(server.requestCount('/rss')).toBe(3);
  });

  it('goes through every dropped connection in the pool before a new one', async () => {
    dropReusedConnections();
    // Two at once: two connections, both kept alive afterwards.
    await Promise.all([fetchOk(server.url('/rss')), fetchOk(server.url('/rss'))]);
    const again = await fetchOk(server.url('/rss'));
    expect(new TextDecoder().decode(again.body)).toBe(RSS);
    expect(server.requestCount('/rss')).toBe(5);
  });

  it('does not ask again when a new connection is dropped: that is the server failing', async () => {
    server.route('/rss', (req) => {
      req.socket.destroy();
    });
    const error = await fetchError(server.url('/rss'));
    expect(error.code).toBe('error.network');
    expect(server.requestCount('/rss')).toBe(1);
  });
});

/** The path through a proxy: undici's fetch with a dispatcher (here a direct undici Agent, as proxy.ts uses for hosts it does not proxy). */
describe('fetchFeed through a dispatcher (undici): a kept-alive connection the server has dropped', () => {
  let agent: Agent;
  beforeEach(() => {
    carrier = undefined;
    agent = new Agent();
  });
  afterEach(async () => {
    await agent.close();
  });
  const throughAgent = (): FetchOptions => ({ dispatcher: () => agent });

  it('asks once more when a request is dropped without an answer', async () => {
    const served = new WeakSet<object>();
    server.route('/rss', (req, res) => {
      if (served.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS);
    });
    await fetchOk(server.url('/rss'), throughAgent());
    // undici puts the connection back in its pool a turn after the body ended; then it reuses it.
    await new Promise((resolve) => setImmediate(resolve));
    const again = await fetchOk(server.url('/rss'), throughAgent());
    expect(new TextDecoder().decode(again.body)).toBe(RSS);
    // The first, the one dropped on the reused connection, and the one asked again.
    expect(server.requestCount('/rss')).toBe(3);
  });

  it('reports a server that drops every request after asking it twice', async () => {
    server.route('/rss', (req) => {
      req.socket.destroy();
    });
    const error = await fetchError(server.url('/rss'), throughAgent());
    expect(error.code).toBe('error.network');
    expect(server.requestCount('/rss')).toBe(2);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 5, 23, 6, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(now);
    expect(parseRetryAfter(' 3600 ', now)).toBe(now + 3_600_000);
  });

  it('reads an HTTP date, and a date in the past means now', () => {
    expect(parseRetryAfter('Sun, 23 Jun 2024 06:10:00 GMT', now)).toBe(now + 600_000);
    expect(parseRetryAfter('Sat, 01 Jan 2000 00:00:00 GMT', now)).toBe(now);
  });

  it('returns null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('12', now)).toBe(now + 12_000);
  });
});

describe('parseMaxAge', () => {
  it('reads max-age among other directives', () => {
    expect(parseMaxAge('public, max-age=900, must-revalidate')).toBe(900);
    expect(parseMaxAge('MAX-AGE="60"')).toBe(60);
    expect(parseMaxAge('max-age=0')).toBe(0);
  });

  it('ignores s-maxage and unreadable values', () => {
    expect(parseMaxAge('s-maxage=100')).toBeNull();
    expect(parseMaxAge('max-age=abc')).toBeNull();
    expect(parseMaxAge('no-cache')).toBeNull();
    expect(parseMaxAge(null)).toBeNull();
  });
});
