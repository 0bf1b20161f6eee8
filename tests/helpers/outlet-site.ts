/**
 * A local multi-host news site for full-text tests and the benchmark: one real HTTP server per
 * outlet, each on its own loopback address (127.0.0.2, 127.0.0.3 …), reached under the outlet's
 * real host name through a "hosts file" — `fetchImpl` swaps the name for the address and nothing
 * else, so site rules, robots.txt and per-host limits see the names they see in production. Any
 * other host (the 127.0.0.1 feed server) is fetched as is.
 */
import { startFeedServer, type FeedServer } from './feed-server';

export interface OutletSite {
  /** The outlet's server. */
  server(host: string): FeedServer;
  /** `http://www.etnews.com:PORT/path`: the URL under the outlet's name. */
  url(host: string, path: string): string;
  /** Every request dispatched through `fetchImpl`, by host and path. */
  readonly dispatched: ReadonlyArray<{ host: string; path: string }>;
  fetchImpl: typeof fetch;
  close(): Promise<void>;
}

/** Starts one server per host, on 127.0.0.(firstOctet + i); robots.txt answers 404 (no rules) unless a test routes it. */
export async function startOutletSite(hosts: readonly string[], firstOctet = 2): Promise<OutletSite> {
  const servers = new Map<string, FeedServer>();
  const addresses = new Map<string, string>();
  for (const [i, host] of hosts.entries()) {
    const address = `127.0.0.${firstOctet + i}`;
    addresses.set(host, address);
    servers.set(host, await startFeedServer({ '/robots.txt': { status: 404 } }, { host: address }));
  }
  const dispatched: Array<{ host: string; path: string }> = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    dispatched.push({ host: url.hostname, path: url.pathname + url.search });
    const address = addresses.get(url.hostname);
    if (address) url.hostname = address;
    return fetch(url, init);
  };
  const server = (host: string) => {
    const found = servers.get(host);
    if (!found) throw new Error(`no outlet ${host}`);
    return found;
  };
  return {
    server,
    url: (host, path) => `http://${host}:${new URL(server(host).origin).port}${path}`,
    dispatched,
    fetchImpl,
    close: async () => {
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
