/**
 * What the window's own requests reveal (issue 13, privacy): the only remote requests the page can
 * make are article images (CSP img-src https:), which the renderer loads only when the user asks
 * (the remoteImages setting, or "load images" for one article). These two decisions hold for those:
 * - the user agent names no app and no Electron (a tracking pixel learns a browser, not "Nunchi");
 * - no request goes to the user's own machine or network (shared/private-address.ts), whatever
 *   the article's HTML says.
 * Plain functions; hardening.ts applies them to the session.
 */
import { pointsToPrivateNetwork } from '../../shared/private-address';

/** Chromium's user agent without the app's and Electron's tokens ("nunchi/0.1.0 Electron/45.0.0"). */
export function neutralUserAgent(userAgent: string, appName: string): string {
  const app = appName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return userAgent
    .replace(new RegExp(`\\s+(?:${app}|Electron)/\\S+`, 'gi'), '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Cancel a request from the window? Private and local hosts are refused, except the development
 * server's origin (electron-vite serves the page from localhost when running from source).
 */
export function refuseWindowRequest(url: string, devServerOrigin: string | null): boolean {
  if (devServerOrigin) {
    try {
      // Its host and port, over http(s) or ws(s) (the page's scripts and hot reload).
      if (new URL(url).host === new URL(devServerOrigin).host) return false;
    } catch {
      return true;
    }
  }
  return pointsToPrivateNetwork(url);
}
