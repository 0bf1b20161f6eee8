/**
 * A small real HTTP server on 127.0.0.1 (random port) that serves feeds to tests and the benchmark.
 *
 *   const server = await startFeedServer({
 *     '/rss': { headers: { 'Content-Type': 'application/rss+xml', ETag: '"v1"' }, body: xml },
 *     '/slow': (req, res) => { ... },          // any Node request handler, sync or async
 *   });
 *   await fetchFeed(server.url('/rss'));
 *   server.requestCount('/rss');               // 1
 *   server.requests.at(-1)?.headers['user-agent'];
 *   server.route('/rss', { status: 410 });    // add or replace a route at any time
 *   await server.close();                      // also drops keep-alive sockets
 *
 * Static routes answer conditional GETs like a good feed server: when the route has an ETag and the
 * request's If-None-Match matches, or (without If-None-Match) its Last-Modified is not newer than
 * If-Modified-Since, the answer is 304 with the validators and Cache-Control but no body.
 * Content-Length is set from the body. A body given as a Buffer is sent as is, so a test can send
 * pre-compressed bytes with its own Content-Encoding header.
 *
 * Routing: a request's full path with its query string is looked up first, then the path without
 * the query. Unknown paths get 404. Requests are counted under the route key that answered them
 * (or under the bare path for a 404). A handler that throws answers 500.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface StaticRoute {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Default empty. */
  body?: string | Buffer;
}

export type Route = RouteHandler | StaticRoute;

export interface RecordedRequest {
  method: string;
  /** The path as requested, with its query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface FeedServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Absolute URL of a path on this server: `url('/rss')`. */
  url(path: string): string;
  /** Adds or replaces the route for a path. */
  route(path: string, route: Route): void;
  /** How many requests a path has received (304s included). */
  requestCount(path: string): number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Stops listening and destroys every open connection, keep-alive and in-flight ones included. */
  close(): Promise<void>;
}

export async function startFeedServer(
  initialRoutes: Record<string, Route> = {},
  /** The loopback address to bind (a multi-host site binds 127.0.0.2, 127.0.0.3 …); default 127.0.0.1. */
  options: { host?: string } = {},
): Promise<FeedServer> {
  const host = options.host ?? '127.0.0.1';
  const routes = new Map<string, Route>(Object.entries(initialRoutes));
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const bare = path.split('?')[0] ?? path;
    const key = routes.has(path) ? path : bare;
    const route = routes.get(key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });

    if (route === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no route for ${path}`);
      return;
    }
    if (typeof route !== 'function') {
      serveStatic(route, req, res);
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    url: (path) => new URL(path, origin).href,
    route: (path, route) => void routes.set(path, route),
    requestCount: (path) => counts.get(path) ?? 0,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function serveStatic(route: StaticRoute, req: IncomingMessage, res: ServerResponse): void {
  const headers = new Map(Object.entries(route.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const status = route.status ?? 200;
  if (status === 200 && isNotModified(headers, req)) {
    const kept: Record<string, string> = {};
    for (const name of ['etag', 'last-modified', 'cache-control', 'expires', 'vary']) {
      const value = headers.get(name);
      if (value !== undefined) kept[name] = value;
    }
    res.writeHead(304, kept).end();
    return;
  }
  const body = route.body ?? '';
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...route.headers, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

/** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
function isNotModified(headers: Map<string, string>, req: IncomingMessage): boolean {
  const etag = headers.get('etag');
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (etag === undefined) return false;
    const wanted = ifNoneMatch.split(',').map((tag) => weakless(tag.trim()));
    return wanted.includes('*') || wanted.includes(weakless(etag));
  }
  const lastModified = headers.get('last-modified');
  const ifModifiedSince = req.headers['if-modified-since'];
  if (lastModified === undefined || ifModifiedSince === undefined) return false;
  const modified = Date.parse(lastModified);
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(modified) && !Number.isNaN(since) && modified <= since;
}

function weakless(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
