/**
 * The headless monitor end to end (issue 4): `nunchi` as a child process against the real local
 * feed server and a real database file, checking alerts, story grouping, the notifications the
 * headless notifier produced (exactly which, exactly once, also across a SIGKILL), the JSON of
 * `nunchi alerts`, and a clean Ctrl-C.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { DAY, floorToMinute, HOUR, MINUTE, seoulStamp } from '../helpers/clock';
import { rss, type RssItemSpec } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';
import { runCli, startCli } from './run-cli';

const tempDir = useTempDir();
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

// The story of the day happens in the last few hours of the real clock (the CLI runs as a child
// process and reads the clock itself); the backlog is last week. `MORNING` is 08:00 of that story.
const MORNING = floorToMinute(Date.now() - 3 * HOUR);
const morning = (minutes: number) => seoulStamp(MORNING + minutes * MINUTE);
const lastWeek = (daysAgo: number) => seoulStamp(MORNING - daysAgo * DAY);

function serve(path: string, title: string, items: RssItemSpec[]) {
  server.route(path, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' }, body: rss({ title, items }) });
}

/** What `nunchi alerts --json` prints (the fields these tests read). */
interface AlertsJson {
  total: number;
  alerts: Array<{ title: string; published: string; storyId: number }>;
}

interface NotifyLine {
  id: number;
  title: string;
  body: string;
  articleId: number | null;
  storyId: number | null;
}
const readLog = (file: string): NotifyLine[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as NotifyLine)
    : [];

/** A fresh data folder, a catalog pointing at the local server, and the env the CLI runs with. */
function setup(prefix: string) {
  const dir = tempDir();
  const catalogFile = join(dir, 'catalog.json');
  const outlets = [
    { id: 'etnews', name: '전자신문', nameEn: 'Electronic Times' },
    { id: 'zdnet', name: '지디넷코리아', nameEn: 'ZDNet Korea' },
    { id: 'bloter', name: '블로터', nameEn: 'Bloter' },
  ];
  writeFileSync(
    catalogFile,
    JSON.stringify(
      outlets.map((o) => ({ ...o, url: server.url(`/${prefix}/${o.id}.xml`), siteUrl: `https://${o.id}.example.kr/`, category: 'ict' })),
    ),
  );
  const log = join(dir, 'notifications.jsonl');
  const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), NUNCHI_CATALOG_FILE: catalogFile, NUNCHI_NOTIFY_LOG: log };
  return { dir, env, log, db: env.NUNCHI_DB };
}

const backlog = {
  etnews: [
    {
      guid: 'et-old-1',
      title: '카카오, KoGPT 기반 챗봇 시범 운영',
      link: 'https://etnews.example.kr/old1',
      description: '지난주 기사',
      pubDate: lastWeek(8),
    },
  ],
  zdnet: [
    {
      guid: 'zd-old-1',
      title: '네이버 클라우드, 데이터센터 증설',
      link: 'https://zdnet.example.kr/old1',
      description: '지난주 기사',
      pubDate: lastWeek(7),
    },
  ],
  bloter: [
    {
      guid: 'bl-old-1',
      title: '토스, 송금 수수료 인하',
      link: 'https://bloter.example.kr/old1',
      description: '지난주 기사',
      pubDate: lastWeek(6),
    },
  ],
};

// The story of the day: Kakao Brain's CEO is leaving, carried by three outlets in their own words.
const resignation = {
  etnews: {
    guid: 'et-1',
    title: '카카오브레인 김일두 대표 퇴사…후임에 이호수 부사장',
    link: 'https://etnews.example.kr/20261128-1',
    description: '<p>카카오브레인 김일두 대표가 회사를 떠난다.</p>',
    pubDate: morning(65),
  },
  zdnet: {
    guid: 'zd-1',
    title: '[단독] 카카오브레인 김일두 대표 퇴사',
    link: 'https://zdnet.example.kr/view/?no=20261128091000',
    description: '김일두 대표가 퇴사 의사를 밝혔다.',
    pubDate: morning(70),
  },
  bloter: {
    guid: 'bl-1',
    title: '카카오브레인 김일두 대표, 퇴사…후임 이호수',
    link: 'https://bloter.example.kr/news/1',
    description: '카카오브레인 대표 교체.',
    pubDate: morning(80),
  },
};
const kogpt = {
  guid: 'zd-2',
  title: '카카오, KoGPT 2.0 기업용 공개',
  link: 'https://zdnet.example.kr/view/?no=20261128100000',
  description: '거대언어모델 KoGPT 2.0',
  pubDate: morning(120),
};
const unrelated = {
  guid: 'et-2',
  title: '삼성전자, 3분기 반도체 실적 발표',
  link: 'https://etnews.example.kr/20261128-2',
  description: '메모리 회복',
  pubDate: morning(0),
};

// Each step is a real `nunchi` process (about a second to start under tsx, several on a busy 2-core
// machine): generous timeouts.
describe('nunchi, the headless monitor', { timeout: 240_000 }, () => {
  it('from an empty database to grouped alerts and exactly-once notifications', async () => {
    const { env, log } = setup('day');
    // A first run explains what to do next.
    const empty = await runCli(['poll'], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('nunchi feeds catalog enable');

    serve('/day/etnews.xml', '전자신문', backlog.etnews);
    serve('/day/zdnet.xml', '지디넷코리아', backlog.zdnet);
    serve('/day/bloter.xml', '블로터', backlog.bloter);
    expect((await runCli(['feeds', 'catalog', 'enable', '전자신문', 'zdnet', '블로터'], env)).stdout).toContain(
      '전자신문, 지디넷코리아, 블로터',
    );
    expect((await runCli(['watch', 'add', '카카오', '카카오브레인 OR KoGPT'], env)).code).toBe(0);
    expect((await runCli(['watch', 'add', '퇴사', '퇴사 title:카카오'], env)).code).toBe(0);
    const badQuery = await runCli(['watch', 'add', '깨진', '(카카오 OR'], env);
    expect(badQuery.code).toBe(1);
    expect(badQuery.stderr).toContain('8번째 글자');

    // First poll: the backlog. It raises an alert (the KoGPT chatbot) but no notification.
    const first = await runCli(['poll', '--no-desktop-notifications'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('폴링 완료: 피드 3개');
    expect(readLog(log)).toEqual([]);
    const afterFirst = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as AlertsJson;
    expect(afterFirst.alerts.map((a) => a.title)).toEqual(['카카오, KoGPT 기반 챗봇 시범 운영']);

    // The news breaks.
    serve('/day/etnews.xml', '전자신문', [...backlog.etnews, resignation.etnews, unrelated]);
    serve('/day/zdnet.xml', '지디넷코리아', [...backlog.zdnet, resignation.zdnet, kogpt]);
    serve('/day/bloter.xml', '블로터', [...backlog.bloter, resignation.bloter]);
    const second = await runCli(['poll', '--all', '--no-desktop-notifications'], env);
    expect(second.code).toBe(0);

    // Exactly two notifications: the resignation story once (not once per outlet), and KoGPT 2.0.
    const shown = readLog(log);
    expect(shown.map((n) => `${n.title} | ${n.body}`)).toHaveLength(2);
    const story = shown.find((n) => n.title.includes('김일두'))!;
    expect(story.title).toContain('카카오브레인 김일두 대표 퇴사');
    expect(shown.find((n) => n.title.includes('KoGPT 2.0'))).toBeTruthy();

    // `nunchi alerts --json`: one row for the story with three outlets, both watchlists.
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as AlertsJson;
    expect(alerts.total).toBe(3);
    const row = alerts.alerts.find((a) => a.title.includes('김일두'))!;
    expect(row).toMatchObject({ outlets: 3, watchlists: ['카카오', '퇴사'], unread: true, starred: false, source: '전자신문' });
    expect(row.published).toBe(new Date(MORNING + 65 * MINUTE).toISOString()); // read as Seoul time
    expect(row.storyId).toBe(story.storyId);
    expect(alerts.alerts.map((a) => a.title)).not.toContain('삼성전자, 3분기 반도체 실적 발표');

    // Polling again changes nothing and notifies nothing.
    await runCli(['poll', '--all', '--no-desktop-notifications'], env);
    expect(readLog(log)).toHaveLength(2);
    expect((JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as AlertsJson).total).toBe(3);

    // --watch filters; search finds the 2-character word.
    const onlyQuit = JSON.parse((await runCli(['alerts', '--watch', '퇴사', '--json'], env)).stdout) as AlertsJson;
    expect(onlyQuit.alerts.map((a) => a.title)).toEqual([row.title]);
    const search = JSON.parse((await runCli(['search', '퇴사', '--json'], env)).stdout) as { total: number };
    expect(search.total).toBe(3);
  });

  it('SIGKILL in the middle of a poll: after a restart every notification comes exactly once', async () => {
    const { env, log, db } = setup('kill');
    const outlets = ['etnews', 'zdnet', 'bloter'] as const;
    for (const o of outlets) serve(`/kill/${o}.xml`, o, []);
    await runCli(['feeds', 'catalog', 'enable', 'etnews', 'zdnet', 'bloter'], env);
    // 20 more feeds, each with a distinct story; the last ten answer slowly so the kill lands mid-poll.
    const topics = [
      'AI 반도체',
      '클라우드 요금',
      '자율주행 특허',
      '웹툰 수출',
      '게임 규제',
      '보안 사고',
      '데이터센터 전력',
      '로봇 투자',
      '메타버스 철수',
      '배터리 소송',
      '검색 광고',
      '5G 요금제',
      '스타트업 상장',
      '핀테크 제휴',
      '위성 통신',
      '전기차 충전',
      '생성형 이미지',
      '번역 서비스',
      '음성 비서',
      '헬스케어 앱',
    ];
    const opml = join(tempDir(), 'extra.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>extra</title></head><body><outline text="IT">` +
        topics.map((_, i) => `<outline type="rss" text="매체${i}" xmlUrl="${server.url(`/kill/extra${i}.xml`)}"/>`).join('') +
        `</outline></body></opml>`,
    );
    for (let i = 0; i < topics.length; i++) serve(`/kill/extra${i}.xml`, `매체${i}`, []);
    expect((await runCli(['feeds', 'import', opml], env)).stdout).toContain('20개 추가');
    await runCli(['watch', 'add', '카카오브레인', '카카오브레인'], env);
    // No batching and no cap: one notification per story makes "exactly once" countable.
    const settings = new Database(db);
    settings.prepare(`INSERT INTO settings (key, value) VALUES ('batchThreshold', '100'), ('maxNotificationsPerMinute', '60')`).run();
    settings.close();
    expect((await runCli(['poll', '--no-desktop-notifications'], env)).code).toBe(0); // empty backlog

    for (let i = 0; i < topics.length; i++) {
      const body = rss({
        title: `매체${i}`,
        items: [
          {
            guid: `k${i}`,
            title: `카카오브레인 ${topics[i]} 관련 발표 ${i}호`,
            link: `https://m${i}.example.kr/${i}`,
            pubDate: morning(150),
          },
        ],
      });
      if (i < 10)
        serve(`/kill/extra${i}.xml`, `매체${i}`, [
          {
            guid: `k${i}`,
            title: `카카오브레인 ${topics[i]} 관련 발표 ${i}호`,
            link: `https://m${i}.example.kr/${i}`,
            pubDate: morning(150),
          },
        ]);
      else
        server.route(`/kill/extra${i}.xml`, (_req, res) => {
          setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body), 3000);
        });
    }

    const victim = startCli(['poll', '--all', '--no-desktop-notifications'], env);
    // Kill once some live alerts are stored and the slow feeds are still pending.
    const reader = () => {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return d.prepare(`SELECT count(*) FROM alerts WHERE origin = 'live'`).pluck().get() as number;
      } finally {
        d.close();
      }
    };
    const deadline = Date.now() + 20_000;
    while (reader() < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(reader()).toBeGreaterThanOrEqual(5);
    victim.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');
    const beforeRestart = readLog(log).length;
    expect(beforeRestart).toBeLessThan(topics.length);

    const restart = await runCli(['poll', '--all', '--no-desktop-notifications'], env);
    expect(restart.code).toBe(0);
    const shown = readLog(log);
    const titles = shown.map((n) => n.title);
    expect(shown).toHaveLength(topics.length);
    expect(new Set(shown.map((n) => n.articleId)).size).toBe(topics.length);
    for (let i = 0; i < topics.length; i++) expect(titles.some((t) => t.includes(`${i}호`))).toBe(true);
  });

  it('`nunchi run` stops cleanly on Ctrl-C', async () => {
    const { env } = setup('run');
    serve('/run/etnews.xml', '전자신문', [resignation.etnews]);
    await runCli(['feeds', 'catalog', 'enable', 'etnews'], env);
    await runCli(['watch', 'add', '카카오', '카카오브레인'], env);
    const run = startCli(['run', '--no-desktop-notifications'], env);
    const deadline = Date.now() + 20_000;
    while (!run.output.stdout.includes('카카오브레인 김일두 대표 퇴사') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(run.output.stdout).toContain('Nunchi 감시 중');
    expect(run.output.stdout).toContain('카카오브레인 김일두 대표 퇴사');
    run.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('종료했습니다');
  });
});
