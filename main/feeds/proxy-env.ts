/**
 * The proxy the environment names (HTTPS_PROXY / HTTP_PROXY / NO_PROXY; lower case wins, as curl
 * does), read without loading the HTTP client: a command that finds none fetches over node:http
 * (node-http.ts) and never pays undici's ~130 ms of loading (see proxy.ts envProxyDispatcher).
 */
export interface EnvProxy {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string | undefined;
}

export function proxyFromEnv(env: NodeJS.ProcessEnv): EnvProxy {
  const pick = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return { httpProxy: pick('http_proxy'), httpsProxy: pick('https_proxy'), noProxy: pick('no_proxy') };
}

/** Whether the environment names a proxy at all. */
export function envNamesProxy(env: NodeJS.ProcessEnv): boolean {
  const { httpProxy, httpsProxy } = proxyFromEnv(env);
  return !!httpProxy || !!httpsProxy;
}
