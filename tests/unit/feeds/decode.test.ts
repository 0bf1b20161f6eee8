import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  canonicalEncoding,
  charsetFromContentType,
  decodeFeedBytes,
  decodeHtmlBytes,
  encodingFromHtmlMeta,
  encodingFromXmlDeclaration,
  sniffLegacy,
} from '../../../main/feeds/decode';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

/** Syllables only CP949 has (lead byte < 0xA1): strict EUC-KR decoders garble them. */
const CP949_ONLY = '녿ㅌ허내루러니ㅔ냩율';

describe('decodeFeedBytes on the 12 real Korean legacy-encoded feeds', () => {
  // Each file's README row says what it must decode to; one known Hangul string per file.
  const table: Array<[file: string, hangul: string]> = [
    ['CP949__ricanet.com.xml', CP949_ONLY],
    ['EUC-KR__acnnewswire.net.xml', 'JCB가 China UnionPay와 ATM 이용 계약을 체결'],
    ['EUC-KR__ittrend.egloos.com.xml', '<![CDATA[ 구글 스토리 그리고 Regulating Search ]]>'],
    ['EUC-KR__blog.rss.naver.com.xml', '<!--// ID가 존재할 경우. -->'],
    ['EUC-KR__blog.empas.com.xml', '블로그 옮깁니다'],
    ['EUC-KR__blog.bd-lab.com.xml', '오랜만에 사진찍기'],
    ['EUC-KR__chisato.info.xml', '황우석, 그리고 피디수첩'],
    ['EUC-KR__console.linuxstudy.pe.kr.xml', 'ㅇ ㅏ ㅁ ㅏ 도 그 건 ㄴ ㅓ 였 을 걸'],
    ['encoding__euc-kr.xml', '<title>년</title>'],
    ['encoding__euc-kr-item.xml', '<description>년</description>'],
    ['encoding__euc-kr-attribute.xml', '<description>&lt;img alt="년" /></description>'],
    ['illformed__chardet__euckr.xml', 'EUC-KR 에서 TypeKey 한글닉네임 표시하기'],
  ];

  it.each(table)('%s decodes as cp949 to correct Hangul', (file, hangul) => {
    const decoded = decodeFeedBytes(fixture(file));
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain(hangul);
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it.each(table)('%s decodes the same with a euc-kr Content-Type', (file, hangul) => {
    const decoded = decodeFeedBytes(fixture(file), 'application/rss+xml; charset=EUC-KR');
    expect(decoded).toEqual(decodeFeedBytes(fixture(file)));
    expect(decoded.text).toContain(hangul);
  });

  it('reads the CP949-only syllables that a strict EUC-KR decoder garbles (the reason for iconv-lite)', () => {
    const bytes = fixture('CP949__ricanet.com.xml');
    expect(new TextDecoder('euc-kr').decode(bytes)).not.toContain(CP949_ONLY);
    const text = decodeFeedBytes(bytes).text;
    expect(text).toContain(CP949_ONLY);
    expect(text).toContain('<title>리카넷</title>');
  });

  it('sniffs EUC-KR with no declaration and no charset (illformed__chardet__euckr.xml)', () => {
    const bytes = fixture('illformed__chardet__euckr.xml');
    expect(encodingFromXmlDeclaration(bytes)).toBeNull();
    expect(decodeFeedBytes(bytes, null).encoding).toBe('cp949');
    expect(decodeFeedBytes(bytes, 'text/xml').encoding).toBe('cp949');
  });
});

describe('decodeFeedBytes: labels that lie', () => {
  it('keeps valid UTF-8 as UTF-8 when the declaration says euc-kr', () => {
    const decoded = decodeFeedBytes(fixture('enc-utf8-declared-euc-kr.xml'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('카카오브레인 퇴사 소식 녿냩');
  });

  it('keeps valid UTF-8 as UTF-8 when the Content-Type says euc-kr (every Korean alias)', () => {
    const bytes = fixture('enc-utf8-declared-euc-kr.xml');
    for (const label of ['euc-kr', 'ks_c_5601-1987', 'cp949', 'windows-1252', 'iso-8859-1']) {
      const decoded = decodeFeedBytes(bytes, `text/xml; charset=${label}`);
      expect(decoded.encoding, label).toBe('utf-8');
      expect(decoded.text, label).toContain('카카오브레인 퇴사');
    }
  });

  it('reads bytes that are not UTF-8 as CP949 when the declaration says utf-8', () => {
    const decoded = decodeFeedBytes(fixture('enc-cp949-declared-utf8.xml'));
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain('<title>선언은 utf-8, 실제는 CP949</title>');
    expect(decoded.text).toContain('녿냩');
  });

  it('reads bytes that are not UTF-8 as CP949 when the Content-Type says utf-8', () => {
    const decoded = decodeFeedBytes(fixture('enc-cp949-no-label.xml'), 'application/xml; charset="UTF-8"');
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain('카카오브레인 퇴사 소식 녿냩');
  });

  it('sniffs unlabelled CP949', () => {
    const decoded = decodeFeedBytes(fixture('enc-cp949-no-label.xml'));
    expect(decoded).toMatchObject({ encoding: 'cp949' });
    expect(decoded.text).toContain('<title>라벨 없는 CP949</title>');
  });

  it('reads Korean bytes as CP949 although the server labels them ISO-8859-1 (Apache default charset)', () => {
    const decoded = decodeFeedBytes(fixture('EUC-KR__blog.empas.com.xml'), 'text/xml; charset=ISO-8859-1');
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain('블로그 옮깁니다');
  });

  it('the Content-Type charset wins over the declaration for bytes that are not UTF-8', () => {
    // Latin-1 bytes declared euc-kr in the document but served as windows-1252.
    const bytes = iconv.encode('<?xml version="1.0" encoding="euc-kr"?><rss><channel><title>Café</title></channel></rss>', 'latin1');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=windows-1252')).toMatchObject({ encoding: 'windows-1252' });
    expect(decodeFeedBytes(bytes, 'text/xml; charset=windows-1252').text).toContain('Café');
  });

  it.each(['euc-kr', 'EUC-KR', 'ks_c_5601-1987', 'ksc5601', 'x-windows-949', 'cp949', 'windows-949'])(
    'decodes the Korean alias %s as CP949, CP949-only syllables included',
    (label) => {
      const bytes = iconv.encode(`<rss version="2.0"><channel><title>${CP949_ONLY}</title></channel></rss>`, 'cp949');
      expect(decodeFeedBytes(bytes, `text/xml; charset=${label}`)).toEqual({
        text: `<rss version="2.0"><channel><title>${CP949_ONLY}</title></channel></rss>`,
        encoding: 'cp949',
      });
      const declared = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${label}"?>`), bytes]);
      expect(decodeFeedBytes(declared).text).toContain(CP949_ONLY);
    },
  );
});

describe('decodeFeedBytes: byte-order marks and UTF-16', () => {
  it.each([
    ['enc-utf8-bom.xml', 'utf-8', 'UTF-8 BOM'],
    ['enc-utf16le-bom.xml', 'utf-16le', 'UTF-16LE BOM'],
    ['enc-utf16be-bom.xml', 'utf-16be', 'UTF-16BE BOM'],
    ['enc-utf16le-no-bom.xml', 'utf-16le', 'UTF-16LE 무 BOM'],
  ])('%s → %s', (file, encoding, title) => {
    // The euc-kr / utf-16 labels around them must not matter.
    const decoded = decodeFeedBytes(fixture(file), 'text/xml; charset=euc-kr');
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith('<?xml')).toBe(true); // BOM removed
    expect(decoded.text).toContain(`<title>${title}</title>`);
    expect(decoded.text).toContain('카카오브레인 퇴사 소식 녿냩');
  });

  it('follows a utf-16be Content-Type on a body without BOM', () => {
    // Starts with Hangul, so the `<?` pattern cannot tell; the label and the NUL bytes do.
    const bytes = iconv.encode('한국 <rss/>', 'utf-16be');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=utf-16be')).toEqual({ text: '한국 <rss/>', encoding: 'utf-16be' });
    expect(decodeFeedBytes(iconv.encode('한국 <rss/>', 'utf-16le'), 'text/xml; charset=utf-16')).toEqual({
      text: '한국 <rss/>',
      encoding: 'utf-16le',
    });
  });

  it('ignores a utf-16 label on a body that is plainly UTF-8', () => {
    expect(decodeFeedBytes(Buffer.from('<rss>한글</rss>'), 'text/xml; charset=utf-16')).toEqual({
      text: '<rss>한글</rss>',
      encoding: 'utf-8',
    });
  });
});

describe('decodeFeedBytes: damaged input never throws', () => {
  it('keeps UTF-8 with a stray byte and a cut character as UTF-8, with replacement characters', () => {
    const decoded = decodeFeedBytes(fixture('enc-utf8-broken-bytes.xml'), 'text/xml; charset=euc-kr');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('\uFFFD');
    expect(decoded.text).toContain('카카오브레인 퇴사 소식 녿냩');
    expect(decoded.text).toContain('하나</title>');
  });

  it('drops NUL bytes', () => {
    const decoded = decodeFeedBytes(fixture('enc-nul-bytes.xml'));
    expect(decoded.text).not.toContain('\u0000');
    expect(decoded.text).toContain('<title>널문자</title>');
    expect(decoded.text).toContain('<title>항목</title>');
  });

  it('decodes windows-1252 when nothing else fits', () => {
    expect(decodeFeedBytes(fixture('enc-windows-1252.xml'))).toMatchObject({ encoding: 'windows-1252' });
    expect(decodeFeedBytes(fixture('enc-windows-1252.xml')).text).toContain('Café “Zürich” – 5€');
  });

  it('returns empty text for empty bytes', () => {
    expect(decodeFeedBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
    expect(decodeFeedBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('accepts a Uint8Array view into a larger buffer without reading outside it', () => {
    const whole = Buffer.from('XXX<rss>한글</rss>YYY');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 3, whole.length - 6);
    expect(decodeFeedBytes(view).text).toBe('<rss>한글</rss>');
  });

  it('never throws on random bytes, with or without labels', () => {
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 200; round++) {
      const bytes = Uint8Array.from({ length: random() % 300 }, () => random() & 0xff);
      const label = ['euc-kr', 'utf-8', 'utf-16', 'bogus-charset', null][round % 5];
      const decoded = decodeFeedBytes(bytes, label ? `text/xml; charset=${label}` : null);
      expect(typeof decoded.text).toBe('string');
      expect(decoded.text).not.toContain('\u0000');
      expect(decoded.encoding).toMatch(/^[a-z0-9-]+$/);
    }
  });
});

describe('label helpers', () => {
  it('canonicalEncoding maps labels to lower-case canonical names', () => {
    expect(canonicalEncoding('EUC-KR')).toBe('cp949');
    expect(canonicalEncoding('"ks_c_5601-1987"')).toBe('cp949');
    expect(canonicalEncoding('UTF8')).toBe('utf-8');
    expect(canonicalEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(canonicalEncoding('us-ascii')).toBe('windows-1252');
    expect(canonicalEncoding('UTF-16')).toBe('utf-16le');
    expect(canonicalEncoding('Shift_JIS')).toBe('shift_jis');
    expect(canonicalEncoding('no-such-charset')).toBeNull();
    expect(canonicalEncoding('')).toBeNull();
  });

  it('charsetFromContentType reads quoted and unquoted parameters', () => {
    expect(charsetFromContentType('text/xml; charset=euc-kr')).toBe('euc-kr');
    expect(charsetFromContentType('application/rss+xml;charset="UTF-8"; q=1')).toBe('UTF-8');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });

  it('encodingFromXmlDeclaration reads single or double quotes and ignores a late declaration', () => {
    expect(encodingFromXmlDeclaration(Buffer.from("<?xml version='1.0' encoding='EUC-KR' ?><rss/>"))).toBe('EUC-KR');
    expect(encodingFromXmlDeclaration(Buffer.from('<rss><?xml version="1.0" encoding="euc-kr"?></rss>'))).toBeNull();
  });

  it('sniffLegacy tells damaged UTF-8, CP949 and Western text apart', () => {
    expect(sniffLegacy(fixture('enc-utf8-broken-bytes.xml'))).toBe('utf-8');
    expect(sniffLegacy(fixture('EUC-KR__chisato.info.xml'))).toBe('cp949');
    expect(sniffLegacy(fixture('CP949__ricanet.com.xml'))).toBe('cp949');
    expect(sniffLegacy(fixture('enc-windows-1252.xml'))).toBe('windows-1252');
  });
});

describe('decodeHtmlBytes: the charset an HTML page declares', () => {
  const page = (head: string, body = `<p>카카오브레인 ${CP949_ONLY} 퇴사</p>`) =>
    `<!DOCTYPE html><html><head>${head}<title>기사</title></head><body>${body}</body></html>`;

  it('reads <meta charset> and <meta http-equiv> in either attribute order', () => {
    expect(encodingFromHtmlMeta(Buffer.from(page('<meta charset="euc-kr">')))).toBe('euc-kr');
    expect(encodingFromHtmlMeta(Buffer.from(page('<meta charset=EUC-KR>')))).toBe('EUC-KR');
    expect(encodingFromHtmlMeta(Buffer.from(page('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')))).toBe('euc-kr');
    expect(encodingFromHtmlMeta(Buffer.from(page('<META CONTENT="text/html; charset=ks_c_5601-1987" HTTP-EQUIV="content-type">')))).toBe(
      'ks_c_5601-1987',
    );
    expect(encodingFromHtmlMeta(Buffer.from(page('<meta name="viewport" content="width=device-width">')))).toBeNull();
  });

  it('ignores a declaration inside a comment', () => {
    expect(encodingFromHtmlMeta(Buffer.from(page('<!-- <meta charset="euc-kr"> --><meta charset="windows-1252">')))).toBe('windows-1252');
  });

  it('decodes an EUC-KR page labelled only by <meta charset>, CP949-only syllables included, without U+FFFD', () => {
    const bytes = iconv.encode(page('<meta charset="euc-kr">'), 'cp949');
    const decoded = decodeHtmlBytes(bytes, 'text/html');
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain(`카카오브레인 ${CP949_ONLY} 퇴사`);
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('decodes an EUC-KR page labelled only by the Content-Type header', () => {
    const bytes = iconv.encode(page(''), 'cp949');
    const decoded = decodeHtmlBytes(bytes, 'text/html; charset=EUC-KR');
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain(CP949_ONLY);
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('prefers the header to the meta, and valid UTF-8 to both', () => {
    const western = Buffer.from(page('<meta charset="euc-kr">', '<p>caf\xe9</p>'), 'latin1');
    expect(decodeHtmlBytes(western, 'text/html; charset=windows-1252').text).toContain('café');
    const utf8 = Buffer.from(page('<meta charset="euc-kr">'), 'utf8');
    const decoded = decodeHtmlBytes(utf8, 'text/html; charset=euc-kr');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('카카오브레인');
  });

  it('a byte-order mark wins over a wrong label: UTF-8 and UTF-16 pages', () => {
    const html = page('<meta charset="euc-kr">');
    const utf8 = decodeHtmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]), 'text/html; charset=euc-kr');
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(utf8.text).toContain(`카카오브레인 ${CP949_ONLY} 퇴사`);
    const utf16 = decodeHtmlBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html, 'utf-16le')]), 'text/html');
    expect(utf16.encoding).toBe('utf-16le');
    expect(utf16.text).toContain(`카카오브레인 ${CP949_ONLY} 퇴사`);
    expect(utf16.text).not.toContain('\uFFFD');
  });

  it('sniffs an EUC-KR page that says nothing of its charset (no header charset, no <meta>)', () => {
    const decoded = decodeHtmlBytes(iconv.encode(page(''), 'cp949'), 'text/html');
    expect(decoded.encoding).toBe('cp949');
    expect(decoded.text).toContain(`카카오브레인 ${CP949_ONLY} 퇴사`);
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('leaves feed decoding alone: a <meta> inside a feed is not its label', () => {
    const feed = Buffer.from(
      '<rss><channel><description><![CDATA[<meta charset="euc-kr"> caf\xe9]]></description></channel></rss>',
      'latin1',
    );
    expect(decodeFeedBytes(feed).encoding).toBe('windows-1252');
  });
});

describe('decodeFeedBytes: a short feed labelled UTF-8 with a few broken bytes (feedparser cases)', () => {
  // Ten Hangul syllables, and three bytes no UTF-8 encoder writes in one title.
  const damaged = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>정상 피드</title><item><title>카카오 '),
    Buffer.from([0xb1, 0xe8, 0xff]),
    Buffer.from(' 퇴사</title></item><item><title>네</title></item></channel></rss>'),
  ]);

  it('keeps UTF-8 and replaces only the broken bytes when header and declaration both say UTF-8', () => {
    const decoded = decodeFeedBytes(damaged, 'application/rss+xml; charset=utf-8');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('<title>정상 피드</title>');
    expect(decoded.text).toContain('<title>네</title>');
    expect(decoded.text).toContain('<title>카카오 \uFFFD');
    expect(decoded.text).toContain(' 퇴사</title>');
  });

  it('does the same on the declaration alone', () => {
    expect(decodeFeedBytes(damaged).text).toContain('<title>정상 피드</title>');
  });

  it('still reads every real EUC-KR/CP949 fixture as cp949 when the labels claim UTF-8', () => {
    const legacy = [
      'CP949__ricanet.com.xml',
      'EUC-KR__acnnewswire.net.xml',
      'EUC-KR__blog.empas.com.xml',
      'EUC-KR__chisato.info.xml',
      'illformed__chardet__euckr.xml',
      'encoding__euc-kr.xml',
    ];
    for (const file of legacy) {
      // Both labels lie: the declaration is rewritten to utf-8 (same length or not, the body is untouched).
      const bytes = Buffer.from(
        fixture(file)
          .toString('latin1')
          .replace(/encoding\s*=\s*["'][^"']*["']/i, 'encoding="utf-8"'),
        'latin1',
      );
      const decoded = decodeFeedBytes(bytes, 'text/xml; charset=UTF-8');
      expect(decoded.encoding, file).toBe('cp949');
      expect(decoded.text, file).not.toContain('\uFFFD');
    }
    expect(decodeFeedBytes(fixture('enc-cp949-declared-utf8.xml'), 'text/xml; charset=utf-8').encoding).toBe('cp949');
  });
});

describe('decodeFeedBytes: C1 controls in a UTF-8 feed are windows-1252 punctuation', () => {
  it('maps U+0080–U+009F to what windows-1252 means (’ “ ” – € ™) instead of dropping them', () => {
    const decoded = decodeFeedBytes(
      Buffer.from('<rss><title>don\u0092t \u0093인용\u0094 \u0096 \u0080 5\u0099</title></rss>'),
      'text/xml; charset=utf-8',
    );
    expect(decoded.text).toBe('<rss><title>don’t “인용” – € 5™</title></rss>');
  });

  it('leaves the five bytes windows-1252 does not define as they are', () => {
    expect(decodeFeedBytes(Buffer.from('<rss>a\u0081b\u009dc</rss>')).text).toBe('<rss>a\u0081b\u009dc</rss>');
  });
});

describe('decodeFeedBytes: valid UTF-8 is read exactly (the ICU fast path, issue 14)', () => {
  /** Characters from every kind a feed holds: ASCII, Latin-1 letters, Hangul and its jamo, CJK, astral (emoji, CJK ext. B), private use, U+FFFD, a BOM mid-text. */
  const RANGES: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x1100, 0x11ff],
    [0x3130, 0x318f],
    [0xac00, 0xd7a3],
    [0x4e00, 0x9fff],
    [0xe000, 0xf8ff],
    [0xfeff, 0xfeff],
    [0xfffd, 0xfffd],
    [0x1f300, 0x1f64f],
    [0x20000, 0x2a6df],
  ];

  it('gives what Buffer#toString would, for 2 000 generated documents, Korean, mixed and ASCII-only', () => {
    let seed = 0x1234;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 2000; round++) {
      // Every fourth document is ASCII only (the Latin-1 path); the others draw from every range.
      const ranges = round % 4 === 0 ? RANGES.slice(0, 1) : RANGES;
      let text = '<rss>';
      for (let i = random() % 400; i > 0; i--) {
        const [from, to] = ranges[random() % ranges.length]!;
        text += String.fromCodePoint(from + (random() % (to - from + 1)));
      }
      const bytes = Buffer.from(`${text}</rss>`, 'utf8');
      const decoded = decodeFeedBytes(bytes, round % 3 === 0 ? 'text/xml; charset=euc-kr' : null);
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text).toBe(bytes.toString('utf8'));
    }
  });

  it('reads a body after a UTF-8 byte-order mark the same way', () => {
    const body = '<rss>카카오브레인 𠀀 😀 é</rss>';
    expect(decodeFeedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])).text).toBe(body);
  });
});
