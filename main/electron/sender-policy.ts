/**
 * Who may call the engine over IPC: only the app's own page, in a top-level frame. A frame that
 * somehow navigated elsewhere, an iframe, or a destroyed frame gets nothing.
 */
import { APP_HOST, APP_SCHEME } from './constants';

export interface SenderFrameInfo {
  url: string;
  /** True for the top-level frame of the window (frame.parent === null). */
  isMainFrame: boolean;
}

/**
 * `devServerOrigin`: electron-vite's dev server (http://localhost:5173), accepted only when the
 * app runs unpackaged; the packaged app passes null.
 */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined, devServerOrigin: string | null = null): boolean {
  if (!frame || !frame.isMainFrame || typeof frame.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // For non-special schemes the WHATWG `origin` is "null", so compare scheme and host directly.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password) return true;
  if (devServerOrigin !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === devServerOrigin) return true;
  return false;
}
