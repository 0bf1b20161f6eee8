/**
 * The page client's size cap, apart from the client itself: the words for a page refused as too
 * large name it (reason-message.ts), and showing those words — any read of the inbox — must not
 * load the HTTP client, robots.txt and the fetch stage (issue 14).
 */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;
