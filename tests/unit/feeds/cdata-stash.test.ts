import { describe, expect, it } from 'vitest';
import { stashCdata } from '../../../main/feeds/cdata-stash';
import { parseFeed } from '../../../main/feeds/parse';

const LONG = '<p>카카오브레인 대표가 회사를 떠났다. <b>KoGPT</b> & 후속 모델은 예정대로 나온다.</p>';

const rss = (items: string, extra = '') =>
  `<?xml version="1.0" encoding="utf-8"?>${extra}<rss version="2.0"><channel><title>전자신문</title><link>https://etnews.example/</link>${items}</channel></rss>`;

/** The same content written without CDATA: what the parser must produce either way. */
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('stashCdata', () => {
  it('replaces long sections by placeholders and restores them exactly', () => {
    const xml = `<a><![CDATA[${LONG}]]></a><b><![CDATA[short]]></b>`;
    const stash = stashCdata(xml);
    expect(stash.count).toBe(1);
    expect(stash.xml).not.toContain('카카오브레인');
    expect(stash.xml).toContain('<b><![CDATA[short]]></b>'); // short sections are not worth it
    const placeholder = /<a><!\[CDATA\[(.*?)\]\]><\/a>/.exec(stash.xml)![1]!;
    expect(stash.restore(`앞 ${placeholder} 뒤`)).toBe(`앞 ${LONG} 뒤`);
  });

  it('leaves a CDATA opener inside a comment or processing instruction alone', () => {
    const xml = `<!-- <![CDATA[ ${LONG} --><?pi <![CDATA[ ${LONG} ?><a><![CDATA[${LONG}]]></a>`;
    const stash = stashCdata(xml);
    expect(stash.count).toBe(1);
    expect(stash.xml.startsWith(`<!-- <![CDATA[ ${LONG} --><?pi <![CDATA[ ${LONG} ?><a><![CDATA[`)).toBe(true);
  });

  it('stashes nothing when the document already holds a placeholder character', () => {
    const xml = `<a>\uE000 0\uE001</a><b><![CDATA[${LONG}]]></b>`;
    const stash = stashCdata(xml);
    expect(stash.count).toBe(0);
    expect(stash.xml).toBe(xml);
    expect(stash.restore('\uE0000\uE001')).toBe('\uE0000\uE001');
  });

  it('leaves an unterminated section for the parser to report', () => {
    const xml = `<a><![CDATA[${LONG}</a>`;
    expect(stashCdata(xml)).toMatchObject({ xml, count: 0 });
  });
});

describe('parseFeed with stashed CDATA gives what it gives without', () => {
  it('bodies, titles, links, guids and dates in CDATA', async () => {
    const fields = {
      title: '카카오브레인, 새 거대언어모델 KoGPT 2.0 공개 — 연내 상용화 목표로 추진',
      link: 'https://etnews.example/news/article.html?id=20240623000001&section=ai',
      guid: 'https://etnews.example/news/article.html?id=20240623000001&amp=1',
      pubDate: 'Sun, 23 Jun 2024 15:15:00 +0900 (Korea Standard Time)',
      description: LONG,
      'content:encoded': `${LONG}${LONG}`,
    };
    const inCdata = Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('');
    const escaped = Object.entries(fields).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
    const ns = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"';
    const withCdata = await parseFeed(rss(`<item>${inCdata}</item>`).replace('<rss version="2.0"', `<rss version="2.0"${ns}`));
    const without = await parseFeed(rss(`<item>${escaped}</item>`).replace('<rss version="2.0"', `<rss version="2.0"${ns}`));
    expect(withCdata).toEqual(without);
    expect(withCdata.items[0]).toMatchObject({ title: fields.title, link: fields.link, html: `${LONG}${LONG}`, summary: LONG });
  });

  it('a body split over two sections (the only way to write "]]>" in CDATA) and text around them', async () => {
    const body = `${LONG} 배열 a[b[0]]> 끝`;
    const split = body.replace(']]>', ']]]]><![CDATA[>');
    const parsed = await parseFeed(rss(`<item><title>t</title><description>  앞 <![CDATA[${split}]]> 뒤  </description></item>`));
    expect(parsed.items[0]!.html).toBe(`  앞 ${body} 뒤  `);
  });

  it('whitespace-only CDATA is still no title', async () => {
    const parsed = await parseFeed(rss(`<item><title><![CDATA[${' '.repeat(40)}]]></title><link>https://a.example/1</link></item>`));
    expect(parsed.items[0]).toEqual({ link: 'https://a.example/1' });
  });

  it('an Atom entry with CDATA content and a CDATA-only link', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>블로터</title><entry><id>urn:x:1</id><title>t</title><link><![CDATA[https://bloter.example/news/articleView.html?idxno=1]]></link><content type="html"><![CDATA[${LONG}]]></content></entry></feed>`;
    const parsed = await parseFeed(atom);
    expect(parsed.items[0]).toMatchObject({ link: 'https://bloter.example/news/articleView.html?idxno=1', html: LONG });
  });
});
