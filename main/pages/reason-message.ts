/**
 * Why an article has no page body, as a message `{ key, args }` (the words are the `page.*`
 * messages of shared/messages): the limits a reason names are filled in from the page client's
 * own constants, so the words never disagree with the code.
 */
import { message, type Message } from '../../shared/messages';
import type { PageFailureCode } from '../../shared/page-failures';
import { FULL_TEXT_MAX_AGE_MS } from './freshness';
import { PAGE_MAX_BYTES } from './page-limits';

export function pageReasonMessage(reason: PageFailureCode): Message {
  if (reason === 'page.too_large') return message(reason, { mebibytes: PAGE_MAX_BYTES / (1024 * 1024) });
  if (reason === 'page.too_old') return message(reason, { hours: FULL_TEXT_MAX_AGE_MS / 3_600_000 });
  return message(reason);
}
