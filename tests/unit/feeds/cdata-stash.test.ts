import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../main/feeds/decode';
import { parseFeed } from '../../../main/feeds/parse';
import { stashCdata } from '../../../main/feeds/cdata-stash';
import { buildCorpus } from '../../bench/corpus';

const LONG = '<p>카카오브레인 대표가 회사를 떠났다. <b>KoGPT</b> & 후속 모델은 "예정대로" 나온다.</p>';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const rss = (items: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>전자신문</title><link>https://etnews.example/</link>${items}</channel></rss>`;

/** The stash's promise: parsing with it gives exactly what parsing without it gives. */
async function expectSameParse(text: string) {
  const settle = (p: Promise<unknown>) =>
    p.then(
      (v) => ({ ok: v }),
      (e: unknown) => ({ error: (e as { code?: string }).code }),
    );
  const plain = await settle(parseFeed(text, { stashCdata: false }));
  const stashed = await settle(parseFeed(text));
  expect(stashed).toEqual(plain);
  return stashed;
}

describe('stashCdata', () => {
  it('replaces long sections that are the whole content of an element, and restores them', () => {
    const xml = `<a><![CDATA[${LONG}]]></a><b>\n  <![CDATA[${LONG}]]>\n</b><c><![CDATA[short]]></c><d>${escapeXml(LONG)}</d>`;
    const stash = stashCdata(xml);
    expect(stash.count).toBe(2);
    expect(stash.xml).not.toContain(`<![CDATA[${LONG}`);
    expect(stash.xml).toContain('<c><![CDATA[short]]></c>'); // not worth it
    expect(stash.xml).toContain(`<d>${escapeXml(LONG)}</d>`); // escaped text is left to sax
    const [a, b] = [/<a><!\[CDATA\[(.*?)\]\]><\/a>/s, /<b>\n {2}<!\[CDATA\[(.*?)\]\]>\n<\/b>/s].map((re) => re.exec(stash.xml)![1]!);
    expect(stash.restore(a!)).toBe(LONG);
    // xml2js keeps the white space around a section in the element's value.
    expect(stash.restore(`\n  ${b}\n`)).toBe(`\n  ${LONG}\n`);
    // Inside a longer string (rss-parser re-serialized an element): escaped as xml2js's Builder does.
    expect(stash.restore(`<div>${b}</div>`)).toBe(`<div>${escapeXml(LONG)}</div>`);
  });

  it('leaves mixed content, comments and processing instructions alone', () => {
    const xml =
      `<!-- <a><![CDATA[${LONG}]]></a> --><?pi <a><![CDATA[${LONG}]]></a> ?>` +
      `<d>앞 <![CDATA[${LONG}]]></d><e><![CDATA[${LONG}]]> 뒤</e><f><![CDATA[${LONG}]]><g/></f><h title="x>y"><![CDATA[${LONG}]]></h>` +
      // After a comment, after another section, after an empty element: not the element's whole content.
      `<i><!-- 주석 --><![CDATA[${LONG}]]></i><j><![CDATA[${LONG}]]><![CDATA[${LONG}]]></j><l><k/> <![CDATA[${LONG}]]></l>`;
    const stash = stashCdata(xml);
    expect(stash.count).toBe(1); // only <h>, whose attribute holds a ">"
    expect(stash.xml.replace(/\uE000[^\uE001]*\uE001/, 'X')).toBe(xml.replace(/(<h title="x>y"><!\[CDATA\[).*?\]\]>/, '$1X]]>'));
  });

  it('cannot be fooled by a placeholder written into the document', async () => {
    const forged = '\uE000abc0\uE001';
    const text = rss(`<item><title>${forged}&#57344;x0&#57345;</title><description><![CDATA[${forged} ${LONG}]]></description></item>`);
    const parsed = await expectSameParse(text);
    expect(parsed).toMatchObject({ ok: { items: [{ title: `${forged}\uE000x0\uE001`, html: `${forged} ${LONG}` }] } });
  });

  it('leaves an unterminated section for the parser to report', () => {
    const xml = `<a><![CDATA[${LONG}</a>`;
    expect(stashCdata(xml)).toMatchObject({ xml, count: 0 });
  });
});

describe('parseFeed gives the same result with and without the stash', () => {
  it('on every feed fixture (Korean encodings, traps, unsafe and broken documents)', async () => {
    const dir = new URL('../../fixtures/feeds/', import.meta.url);
    const names = readdirSync(dir).filter((name) => /\.(xml|json|html)$/.test(name));
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const { text } = decodeFeedBytes(readFileSync(new URL(name, dir)));
      await expectSameParse(text);
    }
  });

  it('on the benchmark corpus (RSS with CDATA bodies, Atom, EUC-KR)', async () => {
    for (const feed of buildCorpus(8, 20)) await expectSameParse(decodeFeedBytes(feed.body, feed.contentType).text);
  });

  it('on bodies with child elements, which rss-parser re-serializes', async () => {
    const text = rss(
      `<item><title>${escapeXml(LONG)}</title>` +
        `<description><p>${escapeXml(LONG)}</p><p><![CDATA[${LONG}]]></p></description>` +
        `<content:encoded><div><![CDATA[${LONG}]]></div></content:encoded></item>`,
    );
    const parsed = await expectSameParse(text);
    expect(parsed).toMatchObject({ ok: { items: [{ title: LONG }] } });
  });

  it('on bodies, titles, links, guids and dates in CDATA and escaped, with CRs and attributes', async () => {
    const fields = {
      title: '카카오브레인, 새 거대언어모델 KoGPT 2.0 공개 — 연내 상용화 목표로 추진',
      link: 'https://etnews.example/news/article.html?id=20240623000001&section=ai',
      guid: 'https://etnews.example/news/article.html?id=20240623000001&amp=1',
      pubDate: 'Sun, 23 Jun 2024 15:15:00 +0900 (Korea Standard Time)',
      description: `${LONG}\r\n${LONG}`,
      'content:encoded': `${LONG}${LONG}`,
    };
    const inCdata = Object.entries(fields)
      .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
      .join('');
    const escaped = Object.entries(fields)
      .map(([k, v]) => `<${k} data-x="1">${escapeXml(v)}</${k}>`)
      .join('');
    const [a, b] = [await expectSameParse(rss(`<item>${inCdata}</item>`)), await expectSameParse(rss(`<item>${escaped}</item>`))];
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      ok: { items: [{ title: fields.title, link: fields.link, html: `${LONG}${LONG}`, summary: `${LONG}\r\n${LONG}` }] },
    });
  });

  it('on white-space-only sections and sections with white space around them', async () => {
    await expectSameParse(
      rss(
        `<item><title><![CDATA[${' '.repeat(40)}]]></title><description>\n <![CDATA[${'\u00a0 '.repeat(20)}]]>\n</description><link>https://a.example/1</link></item>`,
      ),
    );
    await expectSameParse(
      rss(`<item><title>\n\t<![CDATA[${LONG}]]>\r\n</title><description>\n    <![CDATA[${LONG}]]>\n  </description></item>`),
    );
  });

  it('on a body split over two sections (the only way to write "]]>" in CDATA)', async () => {
    const body = `${LONG} 배열 a[b[0]]> 끝`;
    await expectSameParse(
      rss(`<item><title>t</title><description><![CDATA[${body.replace(']]>', ']]]]><![CDATA[>')}]]></description></item>`),
    );
  });

  it('on an Atom entry with a CDATA link and XHTML title and content', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>블로터</title><entry><id>urn:x:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><![CDATA[${LONG}]]></div></title><link><![CDATA[https://bloter.example/news/articleView.html?idxno=1]]></link><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p><![CDATA[${LONG}]]></p></div></content></entry></feed>`;
    const parsed = await expectSameParse(atom);
    expect(parsed).toMatchObject({ ok: { items: [{ link: 'https://bloter.example/news/articleView.html?idxno=1' }] } });
  });
});
