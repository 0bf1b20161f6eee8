/**
 * What may leave the app for the system browser (shell.openExternal). Only absolute http(s) URLs
 * with a host: never javascript:, file:, smb: (leaks NTLM credentials on Windows), data:, custom
 * app protocols, or anything the WHATWG parser would read differently than the user does.
 */
import { parseUrl } from '../feeds/urls';

export type ExternalUrlDecision = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LENGTH = 8192;

export function externalUrlDecision(raw: unknown): ExternalUrlDecision {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a string' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: 'too long' };
  // Leading/trailing white space and C0 controls are what the URL parser ignores; anything else
  // invisible (zero-width, bidi) inside a URL is a disguise, not a typo.
  if (/[\u0000-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/.test(raw.trim())) {
    return { ok: false, reason: 'control or invisible characters' };
  }
  const url = parseUrl(raw.trim(), null);
  if (!url) return { ok: false, reason: 'not a URL' };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (!url.hostname) return { ok: false, reason: 'no host' };
  // http://naver.com@evil.example/ shows one host and opens another.
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  return { ok: true, url: url.href };
}
