/**
 * Electron's security checklist, applied once for the whole app: every permission request denied,
 * no navigation away from the app, no new windows (links go to the system browser after the URL
 * policy), no <webview>, no downloads.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { neutralUserAgent, refuseWindowRequest } from './privacy';
import { externalUrlDecision } from './url-policy';

/** Opens http(s) links in the system browser; everything else is refused (and logged). */
export async function openExternalSafely(raw: unknown): Promise<boolean> {
  const decision = externalUrlDecision(raw);
  if (!decision.ok) {
    console.warn(`[nunchi] refused to open an external link: ${decision.reason}`);
    return false;
  }
  await shell.openExternal(decision.url);
  return true;
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.on('will-download', (event) => event.preventDefault());
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Any navigation (a link without a handler, a meta refresh, a form) leaves the app: deny it and
  // offer http(s) targets to the system browser instead.
  // The app never navigates (it routes inside the page), so nothing is exempt.
  const deny = (event: { preventDefault(): void; url: string }) => {
    event.preventDefault();
    void openExternalSafely(event.url);
  };
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** The window's requests: a user agent that names no app, nothing to the user's own network. */
export function applySessionPrivacy(ses: Session, devServerOrigin: string | null): void {
  ses.setUserAgent(neutralUserAgent(ses.getUserAgent(), app.getName()));
  ses.webRequest.onBeforeRequest({ urls: ['*://*/*'] }, (details, callback) => {
    const cancel = refuseWindowRequest(details.url, devServerOrigin);
    if (cancel) console.warn(`[nunchi] refused a request to a private address: ${details.url}`);
    callback({ cancel });
  });
}

/** Call before any window exists. */
export function applyAppHardening(devServerOrigin: string | null = null): void {
  app.enableSandbox();
  hardenSession(session.defaultSession);
  applySessionPrivacy(session.defaultSession, devServerOrigin);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
