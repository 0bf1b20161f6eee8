/**
 * The app:// protocol serves the built renderer (out/renderer) and nothing else: a request maps to
 * a file inside that folder or to nothing (404) — no "..", no encoded traversal, no other host.
 */
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './constants';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function mimeTypeFor(path: string): string | null {
  return MIME[extname(path).toLowerCase()] ?? null;
}

/** The file under `rootDir` that `requestUrl` names, or null when it must not be served. */
export function resolveAppAsset(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((part) => part === '..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (mimeTypeFor(file) === null) return null; // only known static types (no .map, no source)
  return file;
}
