/** Builders for small, realistic feed documents used by tests and the benchmark. */

export interface RssItemSpec {
  guid?: string;
  title: string;
  link?: string;
  description?: string;
  pubDate?: string;
  author?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(channel: { title: string; link?: string; items: RssItemSpec[]; ttl?: number }): string {
  const items = channel.items
    .map(
      (item) => `    <item>
      <title>${esc(item.title)}</title>${item.link !== undefined ? `\n      <link>${esc(item.link)}</link>` : ''}${
        item.guid !== undefined ? `\n      <guid isPermaLink="false">${esc(item.guid)}</guid>` : ''
      }${item.description !== undefined ? `\n      <description>${esc(item.description)}</description>` : ''}${
        item.pubDate !== undefined ? `\n      <pubDate>${item.pubDate}</pubDate>` : ''
      }${item.author !== undefined ? `\n      <dc:creator>${esc(item.author)}</dc:creator>` : ''}
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${esc(channel.title)}</title>
    <link>${esc(channel.link ?? 'https://news.example.kr/')}</link>
    <description>${esc(channel.title)}</description>${channel.ttl ? `\n    <ttl>${channel.ttl}</ttl>` : ''}
${items}
  </channel>
</rss>`;
}

export function atom(feed: {
  title: string;
  entries: Array<{ id: string; title: string; link: string; content: string; published: string }>;
}): string {
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${esc(e.id)}</id>
    <title>${esc(e.title)}</title>
    <link rel="alternate" href="${esc(e.link)}"/>
    <published>${e.published}</published>
    <updated>${e.published}</updated>
    <content type="html">${esc(e.content)}</content>
  </entry>`,
    )
    .join('\n');
  // The feed's <updated> is its newest entry's date (no fixed calendar date: tests run on any day).
  const newest = feed.entries
    .map((e) => e.published)
    .sort()
    .at(-1);
  const feedUpdated = newest ? `  <updated>${newest}</updated>\n` : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(feed.title)}</title>
  <id>urn:nunchi:test:${esc(feed.title)}</id>
${feedUpdated}${entries}
</feed>`;
}
