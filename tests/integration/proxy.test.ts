/**
 * Feeds behind a proxy (issue 13): a local forward proxy started here is the only way to reach the
 * feed host — `feeds.internal.test` resolves nowhere but in the proxy, which forwards it to the
 * feed servers on 127.0.0.1. Plain HTTP is forwarded (absolute-form requests), HTTPS goes through
 * a CONNECT tunnel to a TLS server whose certificate only the test CA signed
 * (tests/fixtures/tls: ca.pem, and feeds.pem/feeds.key for feeds.internal.test, valid to 2126).
 * Article pages (issue 11) and their robots.txt take the same way as the feeds.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/nunchi';
import { fetchFeed } from '../../main/feeds/fetch';
import { envProxyDispatcher, parsePacResult, resolvedProxyDispatcher } from '../../main/feeds/proxy';
import { buildArticlePage, sampleArticle } from '../helpers/article-pages';
import { EngineHost, type LogRecord } from '../../main/host/engine-host';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const TLS = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const CA = readFileSync(join(TLS, 'ca.pem'), 'utf8');
const HOST = 'feeds.internal.test';
const FEED = rss({ title: '사내 피드', items: [{ guid: '1', title: '카카오브레인 대표 사임', pubDate: new Date().toUTCString() }] });

/** An article whose body alone names 김일두 (its third paragraph); the feed gives the title and a summary. */
const ARTICLE = sampleArticle(11);
const ARTICLE_PAGE = buildArticlePage('etnews', { ...ARTICLE, padToBytes: 20_000 });
const snippetFeed = (link: string) =>
  rss({
    title: '사내 요약 피드',
    items: [{ guid: link, title: ARTICLE.title, link, description: '업계 소식 요약…', pubDate: new Date().toUTCString() }],
  });

const tempDir = useTempDir();
let plain: http.Server;
let secure: https.Server;
let proxy: http.Server;
let proxyUrl: string;
const seenByProxy: string[] = [];

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Only the proxy knows where feeds.internal.test is. */
function resolveInProxy(host: string): string | null {
  return host === HOST ? '127.0.0.1' : null;
}

let plainPort = 0;
let securePort = 0;

beforeAll(async () => {
  const serveFeed = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Full text behind the proxy: a snippet feed whose article page (and robots.txt) only the proxy reaches too.
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
      return;
    }
    if (req.url === '/news/1') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE_PAGE);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
    res.end(req.url === '/snippets.xml' ? snippetFeed(`http://${req.headers.host}/news/1`) : FEED);
  };
  plain = http.createServer(serveFeed);
  secure = https.createServer({ key: readFileSync(join(TLS, 'feeds.key')), cert: readFileSync(join(TLS, 'feeds.pem')) }, serveFeed);
  plainPort = await listen(plain);
  securePort = await listen(secure);

  proxy = http.createServer((req, res) => {
    // Plain HTTP proxying: the request line carries the absolute URL.
    seenByProxy.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const address = resolveInProxy(target.hostname);
    if (!address) {
      res.writeHead(502).end();
      return;
    }
    const upstream = http.request(
      {
        host: address,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // CONNECT tunnelling, for HTTPS.
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seenByProxy.push(`CONNECT ${req.url}`);
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const address = resolveInProxy(host);
    if (!address) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  for (const server of [plain, secure, proxy]) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

const plainFeed = () => `http://${HOST}:${plainPort}/rss`;
const secureFeed = () => `https://${HOST}:${securePort}/rss`;

describe('the fetch stage behind a proxy', () => {
  it('cannot reach the feed host directly (the premise of these tests)', async () => {
    await expect(fetchFeed(plainFeed(), { deadlineMs: 10_000 })).rejects.toMatchObject({ code: 'error.network_dns' });
  });

  it('HTTP_PROXY: plain HTTP is forwarded by the proxy', async () => {
    const dispatcher = envProxyDispatcher({ HTTP_PROXY: proxyUrl });
    const result = await fetchFeed(plainFeed(), { dispatcher });
    expect(result.kind).toBe('ok');
    expect(result.kind === 'ok' && result.body.toString('utf8')).toContain('카카오브레인 대표 사임');
    expect(seenByProxy).toContain(`GET ${plainFeed()}`);
  });

  it('HTTPS_PROXY: HTTPS goes through a CONNECT tunnel, trusting an extra CA', async () => {
    const dispatcher = envProxyDispatcher({ https_proxy: proxyUrl }, { extraCaCerts: [CA] });
    const result = await fetchFeed(secureFeed(), { dispatcher });
    expect(result.kind === 'ok' && result.body.toString('utf8')).toContain('카카오브레인 대표 사임');
    expect(seenByProxy).toContain(`CONNECT ${HOST}:${securePort}`);
    // Without the company's CA the certificate is refused, in words.
    await expect(fetchFeed(secureFeed(), { dispatcher: envProxyDispatcher({ https_proxy: proxyUrl }) })).rejects.toMatchObject({
      code: 'error.tls',
    });
  });

  it('NO_PROXY: a listed host goes direct (and so fails here)', async () => {
    const dispatcher = envProxyDispatcher({ HTTP_PROXY: proxyUrl, NO_PROXY: HOST });
    await expect(fetchFeed(plainFeed(), { dispatcher, deadlineMs: 10_000 })).rejects.toMatchObject({ code: 'error.network_dns' });
  });

  it('a per-URL resolver answering PAC strings (the desktop app: session.resolveProxy)', async () => {
    const asked: string[] = [];
    const viaPac = resolvedProxyDispatcher(
      (url) => {
        asked.push(url);
        return `PROXY ${proxyUrl.slice('http://'.length)}; DIRECT`;
      },
      { extraCaCerts: [CA] },
    );
    const plainResult = await fetchFeed(plainFeed(), { dispatcher: viaPac });
    const secureResult = await fetchFeed(secureFeed(), { dispatcher: viaPac });
    expect([plainResult.kind, secureResult.kind]).toEqual(['ok', 'ok']);
    expect(asked).toEqual([plainFeed(), secureFeed()]);
    const direct = resolvedProxyDispatcher(() => Promise.resolve('DIRECT'));
    await expect(fetchFeed(plainFeed(), { dispatcher: direct, deadlineMs: 10_000 })).rejects.toMatchObject({ code: 'error.network_dns' });
  });

  it('nunchi honours HTTP_PROXY from the environment', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), tty: false };
    expect(await main(['parse', plainFeed(), '--json'], io, { HTTP_PROXY: proxyUrl, LANG: 'ko_KR.UTF-8' }), err).toBe(0);
    expect((JSON.parse(out) as { items: { title: string }[] }).items[0]!.title).toBe('카카오브레인 대표 사임');
    // And polls through it: `nunchi poll` stores the feed only the proxy can reach.
    const db = join(tempDir(), 'n.sqlite');
    expect(await main(['feeds', 'add', plainFeed(), '--db', db], io, { HTTP_PROXY: proxyUrl })).toBe(0);
    out = '';
    expect(await main(['poll', '--all', '--json', '--db', db, '--no-desktop-notifications'], io, { HTTP_PROXY: proxyUrl })).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ polled: 1, inserted: 1, failed: 0 });
  });
});

describe('article pages behind the proxy (full-text monitoring)', () => {
  const snippets = () => `http://${HOST}:${plainPort}/snippets.xml`;
  const article = () => `http://${HOST}:${plainPort}/news/1`;
  /** What nunchi printed, and the io that collects it. */
  const capture = () => {
    const c = { out: '', err: '', io: { out: (t: string) => void (c.out += t), err: (t: string) => void (c.err += t), tty: false } };
    return c;
  };

  it('nunchi parse --full-text fetches robots.txt and each page through HTTP_PROXY', async () => {
    const cli = capture();
    expect(await main(['parse', snippets(), '--full-text', '--json'], cli.io, { HTTP_PROXY: proxyUrl, LANG: 'ko_KR.UTF-8' }), cli.err).toBe(
      0,
    );
    const [item] = (JSON.parse(cli.out) as { items: Array<{ page?: { ok: boolean; text?: string } }> }).items;
    expect(item!.page).toMatchObject({ ok: true });
    expect(item!.page!.text).toContain('카카오브레인 김일두 대표가');
    expect(seenByProxy).toContain(`GET http://${HOST}:${plainPort}/robots.txt`);
    expect(seenByProxy).toContain(`GET ${article()}`);
  });

  it('nunchi poll fetches the pages through the proxy the feeds use: a body-only keyword raises its alert', async () => {
    const db = join(tempDir(), 'n.sqlite');
    const env = { HTTP_PROXY: proxyUrl, LANG: 'ko_KR.UTF-8' };
    const cli = capture();
    expect(await main(['feeds', 'add', snippets(), '--db', db], cli.io, env), cli.err).toBe(0);
    expect(await main(['watch', 'add', '김일두', '김일두', '--db', db], cli.io, env), cli.err).toBe(0);
    const before = seenByProxy.filter((line) => line === `GET ${article()}`).length;
    expect(await main(['poll', '--all', '--db', db, '--no-desktop-notifications'], cli.io, env), cli.err).toBe(0);
    expect(seenByProxy.filter((line) => line === `GET ${article()}`).length).toBe(before + 1);
    const alerts = capture();
    expect(await main(['alerts', '--json', '--db', db], alerts.io, env), alerts.err).toBe(0);
    const listed = JSON.parse(alerts.out) as { total: number; alerts: Array<{ link: string; watchlists: string[] }> };
    expect(listed.total).toBe(1);
    expect(listed.alerts[0]).toMatchObject({ link: article(), watchlists: ['김일두'] });
  });
});

describe('the desktop app behind a proxy: the engine worker asks the host (session.resolveProxy) per URL', () => {
  it('polls a feed only the proxy can reach, plain and through CONNECT, and goes direct when told', async () => {
    const asked: string[] = [];
    const logs: LogRecord[] = [];
    // What Electron's session.resolveProxy answers on a desk whose PAC script sends the feed host to the proxy.
    const resolveProxy = (url: string) => {
      asked.push(url);
      return Promise.resolve(new URL(url).hostname === HOST ? `PROXY ${proxyUrl.slice('http://'.length)}; DIRECT` : 'DIRECT');
    };
    const dir = tempDir();
    const host = await EngineHost.start(
      // extraCaCerts stands in for the OS store holding the company's root (systemCa in the app).
      {
        databasePath: join(dir, 'nunchi.sqlite'),
        dataDir: dir,
        version: 't',
        processing: 'in-process',
        proxyFromHost: true,
        extraCaCerts: [CA],
      },
      undefined,
      (record) => logs.push(record),
      resolveProxy,
    );
    try {
      seenByProxy.length = 0;
      await host.invoke('feeds.add', { url: plainFeed() });
      await host.invoke('feeds.add', { url: secureFeed() });
      const poll = await host.invoke('feeds.pollNow', {});
      expect(poll).toMatchObject({ failed: 0 });
      const feeds = await host.invoke('feeds.list', {});
      expect(feeds.map((f) => f.lastError)).toEqual([null, null]);
      expect(asked).toEqual(expect.arrayContaining([plainFeed(), secureFeed()]));
      expect(seenByProxy).toEqual(expect.arrayContaining([`GET ${plainFeed()}`, `CONNECT ${HOST}:${securePort}`]));
    } finally {
      await host.close();
    }

    // The same engine with a resolver that says DIRECT cannot reach the host: the proxy was the way.
    const direct = await EngineHost.start(
      { databasePath: join(dir, 'nunchi.sqlite'), dataDir: dir, version: 't', processing: 'in-process', proxyFromHost: true },
      undefined,
      (record) => logs.push(record),
      () => 'DIRECT',
    );
    try {
      const poll = await direct.invoke('feeds.pollNow', {});
      expect(poll).toMatchObject({ failed: 2 });
      // The engine's own log records (main/logger) reach the host, which writes them to its log file.
      expect(
        logs.filter((r) => r.level === 'warn' && r.message.includes('poll: feed failed')).map((r) => r.message.includes(HOST)),
      ).toEqual([true, true]);
    } finally {
      await direct.close();
    }
  }, 60_000);
});

describe('PAC result strings', () => {
  it('reads the choices in order and skips what undici cannot use', () => {
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toEqual([{ kind: 'proxy', url: 'http://proxy.corp:8080' }, { kind: 'direct' }]);
    expect(parsePacResult('HTTPS secure.corp:443;PROXY 10.0.0.1:3128')).toEqual([
      { kind: 'proxy', url: 'https://secure.corp:443' },
      { kind: 'proxy', url: 'http://10.0.0.1:3128' },
    ]);
    expect(parsePacResult('SOCKS5 socks.corp:1080; PROXY [::1]:8080')).toEqual([{ kind: 'proxy', url: 'http://[::1]:8080' }]);
    expect(parsePacResult('DIRECT')).toEqual([{ kind: 'direct' }]);
    expect(parsePacResult('')).toEqual([]);
    // Malformed entries are dropped, never turned into a URL.
    expect(parsePacResult('PROXY evil.example:80/path; PROXY no-port; PROXY a b:1; PROXY user@host:80')).toEqual([]);
  });
});
