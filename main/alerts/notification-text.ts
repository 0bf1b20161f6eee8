/**
 * The words of a notification, in Korean or English. Notification text is plain text: feed titles
 * and watchlist names are untrusted, so tags are dropped, entities decoded, invisible characters
 * (bidi overrides that reorder what the user reads, zero-width, controls) removed, white space
 * collapsed, and the result capped without splitting a character.
 */
import type { Locale } from '../../shared/errors';
import { translate } from '../../shared/messages';
import { capLength } from '../../shared/text';
import { inlineHtmlToText } from '../text/html-to-text';

/** Notification centres cut long titles anyway; keep ours short enough to read at a glance. */
export const TITLE_MAX_CHARS = 80;
export const BODY_MAX_CHARS = 200;
/** How many headlines a batch notification lists in its body. */
const BATCH_HEADLINES = 3;

/**
 * One line of clean, short plain text. Korean angle-bracket punctuation ("<단독>") is text and
 * stays; real HTML tags ("<b>") go.
 */
export function plainNotificationText(raw: string, maxChars: number): string {
  return capLength(inlineHtmlToText(raw), maxChars);
}

/** What one notification says, before it becomes words. */
export type NotificationContent =
  | {
      kind: 'single';
      /** Every watchlist that matched the article (usually one). */
      watchlistNames: string[];
      articleTitle: string;
      sourceTitle: string;
      /** The start of the article's text, if any. */
      snippet: string;
    }
  | { kind: 'batch'; watchlistName: string; articleCount: number; headlines: string[] }
  | {
      kind: 'summary';
      /** Distinct articles held back (quiet hours, pause, the per-minute cap). */
      articleCount: number;
      perWatchlist: Array<{ name: string; count: number }>;
    };

export interface NotificationText {
  title: string;
  body: string;
}

const clean = (raw: string) => plainNotificationText(raw, Number.POSITIVE_INFINITY);

function joinNames(names: readonly string[]): string {
  return names
    .map(clean)
    .filter((n) => n !== '')
    .join(', ');
}

export function notificationText(content: NotificationContent, locale: Locale): NotificationText {
  switch (content.kind) {
    case 'single': {
      const names = joinNames(content.watchlistNames);
      const headline = clean(content.articleTitle);
      const source = clean(content.sourceTitle);
      const snippet = clean(content.snippet);
      return {
        title: plainNotificationText(names ? `${names}: ${headline}` : headline, TITLE_MAX_CHARS),
        body: plainNotificationText([source, snippet].filter((s) => s !== '').join(' — '), BODY_MAX_CHARS),
      };
    }
    case 'batch': {
      const name = clean(content.watchlistName);
      const n = content.articleCount;
      const counted = translate(locale, 'notify.newArticles', { n });
      const shown = content.headlines
        .slice(0, BATCH_HEADLINES)
        .map(clean)
        .filter((h) => h !== '');
      const more = n - shown.length;
      const tail = more > 0 ? ` ${translate(locale, 'notify.more', { n: more })}` : '';
      return {
        title: plainNotificationText(name ? `${name}: ${counted}` : counted, TITLE_MAX_CHARS),
        body: plainNotificationText(shown.join(' · ') + tail, BODY_MAX_CHARS),
      };
    }
    case 'summary': {
      const n = content.articleCount;
      const title = translate(locale, 'notify.heldTitle', { n });
      const body = content.perWatchlist
        .map(({ name, count }) => translate(locale, 'notify.heldPerWatchlist', { name: clean(name), n: count }))
        .join(' · ');
      return { title: plainNotificationText(title, TITLE_MAX_CHARS), body: plainNotificationText(body, BODY_MAX_CHARS) };
    }
  }
}
