/**
 * The UI is served from app://nunchi/ (a standard, secure scheme), not file://: a page from
 * file:// could read any local file, and CSP headers cannot be attached to file:// responses.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME } from './constants';
import { mimeTypeFor, resolveAppAsset } from './app-assets';
import { securityHeaders } from './csp';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(request.url, rendererDir);
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404, headers: securityHeaders() });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': mimeTypeFor(file)! } });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders() });
    }
  });
}
