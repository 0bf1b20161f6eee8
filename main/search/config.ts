/**
 * Where the search engines are and which keys to use. Both base URLs are settings whose defaults
 * are the public services; the environment overrides them (tests point them at local servers).
 * The Naver keys come from the user (stored with safeStorage in the desktop app), or for the CLI
 * from the environment; they are never logged.
 */
import { SearchError } from './search-error';

export const DEFAULT_GOOGLE_NEWS_URL = 'https://news.google.com';
export const DEFAULT_NAVER_API_URL = 'https://openapi.naver.com';

export interface NaverKeys {
  clientId: string;
  clientSecret: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function fromEnv(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/**
 * The base URLs: the environment's `NUNCHI_SEARCH_GOOGLE_URL` / `NUNCHI_SEARCH_NAVER_URL`, else
 * the user's settings, else the defaults.
 */
export function searchBaseUrls(
  env: Env = process.env,
  settings: { google?: string | null; naver?: string | null } = {},
): { google: string; naver: string } {
  return {
    google: fromEnv(env, 'NUNCHI_SEARCH_GOOGLE_URL') ?? (settings.google || DEFAULT_GOOGLE_NEWS_URL),
    naver: fromEnv(env, 'NUNCHI_SEARCH_NAVER_URL') ?? (settings.naver || DEFAULT_NAVER_API_URL),
  };
}

/** The Naver keys from `NUNCHI_NAVER_CLIENT_ID` / `NUNCHI_NAVER_CLIENT_SECRET`; null unless both are set. */
export function naverKeysFromEnv(env: Env = process.env): NaverKeys | null {
  const clientId = fromEnv(env, 'NUNCHI_NAVER_CLIENT_ID');
  const clientSecret = fromEnv(env, 'NUNCHI_NAVER_CLIENT_SECRET');
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** `base` + `path` with the query; a base that is not an http(s) URL is refused in words. */
export function endpointUrl(base: string, path: string, params: Record<string, string>): string {
  let url: URL;
  try {
    url = new URL(base.trim());
  } catch {
    throw new SearchError('search.invalid_base_url', `not a URL: ${JSON.stringify(base.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SearchError('search.invalid_base_url', `scheme ${url.protocol} refused: ${url.host}`);
  }
  // A base with a path (a proxy's prefix) keeps it: https://proxy.example/google + /rss/search.
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = new URLSearchParams(params).toString();
  url.hash = '';
  return url.href;
}
