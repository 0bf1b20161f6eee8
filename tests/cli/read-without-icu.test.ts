/**
 * Issue 14: a read command in the system's time zone (the user chose none) prints its times
 * without building an Intl date formatter: starting ICU's calendar and pattern data costs ~25 ms,
 * a sixth of a read command's budget. The times it prints are still the system zone's.
 *
 * The real CLI entry point (`main`, in this process), a real database and a real feed server.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/nunchi';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

/** Counts the Intl date formatters built while it is installed. */
const RealDateTimeFormat = Intl.DateTimeFormat;
let formattersBuilt = 0;
function countFormatters(): void {
  formattersBuilt = 0;
  const counting = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    formattersBuilt++;
    return new RealDateTimeFormat(...args);
  } as unknown as typeof Intl.DateTimeFormat;
  Intl.DateTimeFormat = counting;
}
afterEach(() => {
  Intl.DateTimeFormat = RealDateTimeFormat;
});

// An hour before now, on the minute: recent enough for any retention setting, whatever day the
// suite runs (the CLI polls on the real clock; the shifted-clock run moves it 400 days).
const PUBLISHED = Math.floor((Date.now() - 3600_000) / 60_000) * 60_000;

describe('read commands in the system zone', () => {
  it('print the system zone’s times without building an Intl date formatter', async () => {
    const dir = tempDir();
    const env = { NUNCHI_DB: join(dir, 'nunchi.sqlite'), LANG: 'ko_KR.UTF-8' };
    const nunchi = async (...args: string[]) => {
      const run = { code: 0, out: '', err: '' };
      run.code = await main(args, { out: (t) => void (run.out += t), err: (t) => void (run.err += t), tty: false }, env);
      return run;
    };
    server.route('/kakao.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({
        title: '전자신문',
        items: [
          {
            guid: 'a1',
            title: '카카오브레인, KoGPT 새 버전 공개',
            link: 'https://www.etnews.com/1',
            pubDate: new Date(PUBLISHED).toUTCString(),
          },
        ],
      }),
    });
    expect((await nunchi('watch', 'add', '카카오', '카카오브레인')).code).toBe(0);
    expect((await nunchi('feeds', 'add', server.url('/kakao.xml'))).code).toBe(0);
    expect((await nunchi('poll', '--all')).code).toBe(0);

    countFormatters();
    const alerts = await nunchi('alerts');
    const lists = await nunchi('watch', 'list');
    const found = await nunchi('search', 'KoGPT');
    const built = formattersBuilt;
    Intl.DateTimeFormat = RealDateTimeFormat;

    expect([alerts.code, lists.code, found.code]).toEqual([0, 0, 0]);
    expect(lists.out).toContain('카카오');
    // The system zone's wall clock, as Intl writes it for the zone Node runs in.
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: '2-digit',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(PUBLISHED)
        .map((part) => [part.type, part.value]),
    );
    const hour = Number(p.hour) % 24;
    const clock = `${hour < 12 ? '오전' : '오후'} ${hour % 12 || 12}:${p.minute}`;
    expect(alerts.out).toContain(`${p.year}. ${p.month}. ${p.day}. ${clock}`);
    expect(found.out).toContain(clock);
    expect(built).toBe(0);
  });
});
