/**
 * How feed requests (and article pages, main/pages/page-client.ts) reach the network behind a proxy, as the fetch stage's `dispatcher` option
 * (an undici Dispatcher chosen per URL, so a redirect to another host gets that host's proxy):
 * - the CLI: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (either case), through undici's
 *   EnvHttpProxyAgent — the conventions curl and most tools follow;
 * - the desktop app: a resolver per URL answering in the PAC result format that Electron's
 *   `session.resolveProxy` gives (`PROXY proxy.corp:8080; DIRECT`), each proxy an undici
 *   ProxyAgent.
 * Plain HTTP requests are forwarded to the proxy as they are (absolute-form, `proxyTunnel: false`):
 * many company proxies allow CONNECT to port 443 only. HTTPS goes through a CONNECT tunnel.
 * Certificates: Node trusts its bundled Mozilla store plus NODE_EXTRA_CA_CERTS (or OpenSSL's
 * store with --use-openssl-ca). Where a company's own root must be trusted, `extraCaCerts` adds
 * PEM certificates to that store; `systemCa` adds the OS store where the runtime can read it
 * (Node ≥ 22.15, which Electron's Node is: tls.getCACertificates('system')).
 */
import * as tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { proxyFromEnv } from './proxy-env';

/** The connection pool for one request URL (direct or through a proxy). */
export type DispatcherFor = (url: URL) => Dispatcher | Promise<Dispatcher>;

export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; url: string };

export interface TrustOptions {
  /** PEM certificates to trust in addition to the default store (a company's root CA). */
  extraCaCerts?: readonly string[];
  /** Also trust the operating system's certificate store, where the runtime can read it. */
  systemCa?: boolean;
}

const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/i;

/**
 * A PAC result string (`PROXY host:port; HTTPS host:port; SOCKS5 host:port; DIRECT`) as the
 * choices we can use, in order. SOCKS is skipped (undici's SOCKS5 support is new and a desktop
 * PAC rarely needs it; a later choice is taken), so is anything malformed. Empty: nothing usable, the caller goes direct.
 */
export function parsePacResult(result: string): ProxyChoice[] {
  const choices: ProxyChoice[] = [];
  for (const entry of result.split(';')) {
    const match = /^\s*([a-z0-9]+)(?:\s+(\S+))?\s*$/i.exec(entry);
    if (!match) continue;
    const kind = match[1]!.toUpperCase();
    const target = match[2];
    if (kind === 'DIRECT' && target === undefined) choices.push({ kind: 'direct' });
    else if ((kind === 'PROXY' || kind === 'HTTP' || kind === 'HTTPS') && target && HOST_PORT.test(target)) {
      choices.push({ kind: 'proxy', url: `${kind === 'HTTPS' ? 'https' : 'http'}://${target.toLowerCase()}` });
    }
  }
  return choices;
}

/** The CA list to hand to TLS, or undefined to keep Node's default (which honours NODE_EXTRA_CA_CERTS). */
export function trustedCertificates(options: TrustOptions = {}): string[] | undefined {
  const extra = options.extraCaCerts ?? [];
  const getCa = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  const system = options.systemCa && getCa ? getCa('system') : [];
  if (extra.length === 0 && system.length === 0) return undefined;
  // Passing `ca` replaces the default store: start from it.
  return [...(getCa ? getCa('default') : tls.rootCertificates), ...system, ...extra];
}

function tlsOptions(trust: TrustOptions): { connect?: { ca: string[] }; requestTls?: { ca: string[] }; proxyTls?: { ca: string[] } } {
  const ca = trustedCertificates(trust);
  return ca ? { connect: { ca }, requestTls: { ca }, proxyTls: { ca } } : {};
}

/**
 * The CLI's dispatcher: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment (lower case
 * wins, as curl does), or undefined when no proxy is set and nothing extra is trusted (Node's own
 * fetch then, as before).
 */
export function envProxyDispatcher(env: NodeJS.ProcessEnv = process.env, trust: TrustOptions = {}): DispatcherFor | undefined {
  const { httpProxy, httpsProxy, noProxy } = proxyFromEnv(env);
  const tlsOpts = tlsOptions(trust);
  if (!httpProxy && !httpsProxy) {
    if (!tlsOpts.connect) return undefined;
    const direct = new Agent({ connect: tlsOpts.connect });
    return () => direct;
  }
  const agent = new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy, proxyTunnel: false, ...tlsOpts });
  return () => agent;
}

/**
 * The desktop app's dispatcher: `resolveProxy(url)` answers like Electron's
 * `session.resolveProxy` (the shell passes it in); the first usable choice is taken. One agent per
 * proxy, kept for the life of the engine so connections are reused.
 */
export function resolvedProxyDispatcher(resolveProxy: (url: string) => string | Promise<string>, trust: TrustOptions = {}): DispatcherFor {
  const tlsOpts = tlsOptions(trust);
  const direct = new Agent(tlsOpts.connect ? { connect: tlsOpts.connect } : {});
  const proxies = new Map<string, ProxyAgent>();
  return async (url) => {
    const [choice = { kind: 'direct' }] = parsePacResult(await resolveProxy(url.href));
    if (choice.kind === 'direct') return direct;
    let agent = proxies.get(choice.url);
    if (!agent) {
      agent = new ProxyAgent({
        uri: choice.url,
        proxyTunnel: false,
        ...(tlsOpts.requestTls ? { requestTls: tlsOpts.requestTls, proxyTls: tlsOpts.proxyTls } : {}),
      });
      proxies.set(choice.url, agent);
    }
    return agent;
  };
}
