/**
 * The last step before a native notification. The engine's dispatcher already turned feed
 * titles into plain, capped text (main/alerts/notification-text.ts: tags dropped, entities
 * decoded, invisible characters removed). The shell treats what it receives as plain text — never
 * as HTML again, which would decode "&lt;" a second time — and still removes invisible and bidi
 * characters and caps the length (it does not trust what crosses a thread boundary). Where the
 * notification server reads the body as markup (Linux, libnotify) the body is escaped last.
 */
import { BODY_MAX_CHARS, TITLE_MAX_CHARS } from '../alerts/notification-text';
import { capLength, collapseWhitespace, stripInvisible } from '../../shared/text';

export function plainLine(text: string, maxChars: number): string {
  // Bound the work first: a 10 000-character title costs nothing beyond this point.
  const bounded = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text;
  return capLength(collapseWhitespace(stripInvisible(bounded)), maxChars);
}

export function escapeNotificationMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function notificationContent(input: { title: string; body: string }, platform: NodeJS.Platform): { title: string; body: string } {
  const title = plainLine(input.title, TITLE_MAX_CHARS);
  const body = plainLine(input.body, BODY_MAX_CHARS);
  return { title, body: platform === 'linux' ? escapeNotificationMarkup(body) : body };
}
