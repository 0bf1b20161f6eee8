/**
 * Deep links: `nunchi://article/ID` opens that article (notifications use it; so can other apps).
 * Anything else — other paths, ids that are not positive integers, other schemes — is ignored.
 */
import { DEEP_LINK_SCHEME } from './constants';

export type DeepLink = { kind: 'article'; articleId: number };

export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  const match = /^([a-z][a-z0-9+.-]*):\/\/article\/(\d{1,15})\/?(?:[?#].*)?$/i.exec(raw.trim());
  if (!match || match[1]!.toLowerCase() !== DEEP_LINK_SCHEME) return null;
  const articleId = Number(match[2]);
  if (!Number.isSafeInteger(articleId) || articleId < 1) return null;
  return { kind: 'article', articleId };
}

export function deepLinkFor(articleId: number): string {
  return `${DEEP_LINK_SCHEME}://article/${articleId}`;
}

/** Windows and Linux hand a deep link to the (second) instance as a command-line argument. */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
