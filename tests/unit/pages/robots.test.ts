import { afterEach, describe, expect, it } from 'vitest';
import { loadRobots, RobotsCache, ROBOTS_TTL_MS, ROBOTS_UNAVAILABLE_TTL_MS, type RobotsFetch } from '../../../main/pages/robots';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server';

/** A robots.txt source that answers from a table and counts how often each origin was read. */
function source(answers: Record<string, RobotsFetch | (() => RobotsFetch)>) {
  const reads: string[] = [];
  const load = (robotsUrl: string): Promise<RobotsFetch> => {
    reads.push(robotsUrl);
    const answer = answers[robotsUrl];
    if (answer === undefined) return Promise.reject(new Error(`no answer for ${robotsUrl}`));
    return Promise.resolve(typeof answer === 'function' ? answer() : answer);
  };
  return { reads, load };
}

const ROBOTS = `User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: Nunchi
Disallow: /members/
Crawl-delay: 3
`;

describe('RobotsCache', () => {
  it('applies the Nunchi group: Disallow refuses, Crawl-delay is returned in ms', async () => {
    const { load } = source({ 'https://www.etnews.com/robots.txt': { kind: 'rules', text: ROBOTS } });
    const robots = new RobotsCache({ load, now: () => 0 });
    expect(await robots.check('https://www.etnews.com/news/1')).toEqual({ allowed: true, crawlDelayMs: 3000 });
    const refused = await robots.check('https://www.etnews.com/members/12');
    expect(refused).toMatchObject({ allowed: false, why: 'disallowed' });
    // The * group is not Nunchi's: /private/ is allowed for Nunchi, which has its own group.
    expect(await robots.check('https://www.etnews.com/private/1')).toMatchObject({ allowed: true });
  });

  it('falls back to the * group when no group names Nunchi', async () => {
    const { load } = source({ 'https://zdnet.co.kr/robots.txt': { kind: 'rules', text: 'User-agent: *\nDisallow: /view/\n' } });
    const robots = new RobotsCache({ load, now: () => 0 });
    expect(await robots.check('https://zdnet.co.kr/view/?no=1')).toMatchObject({ allowed: false, why: 'disallowed' });
    expect(await robots.check('https://zdnet.co.kr/news/1')).toEqual({ allowed: true, crawlDelayMs: null });
  });

  it('reads robots.txt once per origin for 24 hours (injected clock), sharing one read between concurrent checks', async () => {
    let now = 1_000;
    const { reads, load } = source({ 'https://www.yna.co.kr/robots.txt': { kind: 'rules', text: 'User-agent: *\nAllow: /\n' } });
    const robots = new RobotsCache({ load, now: () => now });
    await Promise.all([robots.check('https://www.yna.co.kr/a'), robots.check('https://www.yna.co.kr/b')]);
    expect(reads).toHaveLength(1);
    now += ROBOTS_TTL_MS - 1;
    await robots.check('https://www.yna.co.kr/c');
    expect(reads).toHaveLength(1);
    now += 1;
    await robots.check('https://www.yna.co.kr/d');
    expect(reads).toHaveLength(2);
  });

  it('4xx: no rules, everything allowed', async () => {
    const { load } = source({ 'https://www.bloter.net/robots.txt': { kind: 'no-rules', detail: 'HTTP 404' } });
    const robots = new RobotsCache({ load, now: () => 0 });
    expect(await robots.check('https://www.bloter.net/news/articleView.html?idxno=1')).toEqual({ allowed: true, crawlDelayMs: null });
  });

  it('5xx or network failure: refused for a while with a retry time, then asked again', async () => {
    let now = 0;
    let answer: RobotsFetch = { kind: 'unavailable', detail: 'HTTP 503' };
    const { reads, load } = source({ 'https://www.newsis.com/robots.txt': () => answer });
    const robots = new RobotsCache({ load, now: () => now });
    const verdict = await robots.check('https://www.newsis.com/view/1');
    expect(verdict).toMatchObject({ allowed: false, why: 'unavailable', retryAt: ROBOTS_UNAVAILABLE_TTL_MS });
    now = ROBOTS_UNAVAILABLE_TTL_MS - 1;
    expect(await robots.check('https://www.newsis.com/view/2')).toMatchObject({ allowed: false });
    expect(reads).toHaveLength(1);
    now = ROBOTS_UNAVAILABLE_TTL_MS;
    answer = { kind: 'rules', text: '' };
    expect(await robots.check('https://www.newsis.com/view/3')).toEqual({ allowed: true, crawlDelayMs: null });
    expect(reads).toHaveLength(2);
  });

  it('keeps using the rules read earlier when robots.txt later cannot be read', async () => {
    let now = 0;
    let answer: RobotsFetch = { kind: 'rules', text: 'User-agent: *\nDisallow: /secret/\n' };
    const { load } = source({ 'https://www.mk.co.kr/robots.txt': () => answer });
    const robots = new RobotsCache({ load, now: () => now });
    await robots.check('https://www.mk.co.kr/news/1');
    now = ROBOTS_TTL_MS;
    answer = { kind: 'unavailable', detail: 'timeout' };
    expect(await robots.check('https://www.mk.co.kr/news/2')).toMatchObject({ allowed: true });
    expect(await robots.check('https://www.mk.co.kr/secret/1')).toMatchObject({ allowed: false, why: 'disallowed' });
  });

  it('a loader that throws counts as unavailable, never as an exception', async () => {
    const robots = new RobotsCache({ load: () => Promise.reject(new Error('boom')), now: () => 0 });
    expect(await robots.check('https://www.mt.co.kr/1')).toMatchObject({ allowed: false, why: 'unavailable' });
  });
});

describe('loadRobots against a real server: Google’s rules for each answer', () => {
  let server: FeedServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it.each([
    [200, 'rules', 'User-agent: *\nDisallow: /x/\n'],
    [404, 'no-rules', ''],
    [410, 'no-rules', ''],
    [403, 'no-rules', ''],
    [401, 'no-rules', ''],
    [429, 'unavailable', ''],
    [500, 'unavailable', ''],
    [503, 'unavailable', ''],
  ] as const)('HTTP %i → %s', async (status, kind, body) => {
    server = await startFeedServer({ '/robots.txt': { status, body, headers: { 'Content-Type': 'text/plain' } } });
    expect((await loadRobots(server.url('/robots.txt'), {})).kind).toBe(kind);
  });

  it('an empty 200 is an empty file: rules that allow everything', async () => {
    server = await startFeedServer({ '/robots.txt': { status: 200, body: '' } });
    expect(await loadRobots(server.url('/robots.txt'), {})).toEqual({ kind: 'rules', text: '' });
  });

  it('a refused connection is unavailable', async () => {
    const closed = await startFeedServer({});
    const url = closed.url('/robots.txt');
    await closed.close();
    expect((await loadRobots(url, {})).kind).toBe('unavailable');
  });
});
