import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_PER_HOST, FetchLimiter, hostKey } from '../../../main/feeds/limiter';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let every pending promise callback run (settling, releasing slots, starting the next tasks). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Wraps a limiter and records what it does: which tasks started, in what order, and the highest
 * number running at once overall and per host. Each task waits on its own deferred.
 */
function harness(limiter: FetchLimiter) {
  const started: string[] = [];
  const gates = new Map<string, Deferred<string>>();
  const running = new Map<string, number>();
  let runningTotal = 0;
  let maxTotal = 0;
  const maxPerHost = new Map<string, number>();

  function submit(name: string, url: string): Promise<string> {
    const host = new URL(url).hostname.toLowerCase();
    const gate = deferred<string>();
    gates.set(name, gate);
    return limiter.run(url, async () => {
      started.push(name);
      runningTotal += 1;
      maxTotal = Math.max(maxTotal, runningTotal);
      const now = (running.get(host) ?? 0) + 1;
      running.set(host, now);
      maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, now));
      try {
        return await gate.promise;
      } finally {
        runningTotal -= 1;
        running.set(host, (running.get(host) ?? 1) - 1);
      }
    });
  }

  async function finish(name: string, error?: Error): Promise<void> {
    const gate = gates.get(name);
    if (gate === undefined) throw new Error(`no task ${name}`);
    if (error) gate.reject(error);
    else gate.resolve(`result ${name}`);
    await flush();
  }

  return {
    submit,
    finish,
    started,
    get maxTotal() {
      return maxTotal;
    },
    maxPerHost,
  };
}

describe('hostKey', () => {
  it('is the lower-case hostname, without scheme, port or path', () => {
    expect(hostKey('https://WWW.Etnews.COM/rss.xml')).toBe('www.etnews.com');
    expect(hostKey('http://www.etnews.com:8080/other')).toBe('www.etnews.com');
    // A Korean domain and its punycode spelling are one host.
    expect(hostKey('https://연합뉴스.한국/rss')).toBe('xn--vg1b002akocy6v.xn--3e0b707e');
    expect(hostKey('https://XN--VG1B002AKOCY6V.xn--3e0b707e/other')).toBe(hostKey('https://연합뉴스.한국/rss'));
  });

  it('groups a string that is not a URL under itself', () => {
    expect(hostKey('  Not A URL ')).toBe('not a url');
  });
});

describe('FetchLimiter', () => {
  it('defaults to 8 in flight and 2 per host', () => {
    const limiter = new FetchLimiter();
    expect(DEFAULT_MAX_IN_FLIGHT).toBe(8);
    expect(DEFAULT_MAX_PER_HOST).toBe(2);
    expect(limiter.maxInFlight).toBe(8);
    expect(limiter.maxPerHost).toBe(2);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new FetchLimiter({ maxInFlight: 0 })).toThrow(RangeError);
    expect(() => new FetchLimiter({ maxPerHost: 1.5 })).toThrow(RangeError);
    expect(() => new FetchLimiter({ maxPerHost: Number.NaN })).toThrow(RangeError);
  });

  it('starts a task at once when a slot is free and settles with its result', async () => {
    const limiter = new FetchLimiter();
    let ran = false;
    const result = limiter.run('https://www.yna.co.kr/rss/news.xml', () => {
      ran = true;
      return Promise.resolve(42);
    });
    expect(ran).toBe(true); // synchronous start: no needless tick of latency
    await expect(result).resolves.toBe(42);
    await flush();
    expect(limiter.active).toBe(0);
  });

  it('never runs more than 8 at once across many hosts', async () => {
    const limiter = new FetchLimiter();
    const h = harness(limiter);
    const results = Array.from({ length: 20 }, (_, i) => h.submit(`t${i}`, `https://host${i}.example/feed`));
    await flush();
    expect(h.started).toHaveLength(8);
    expect(limiter.active).toBe(8);
    expect(limiter.pending).toBe(12);
    for (let i = 0; i < 20; i += 1) {
      await h.finish(`t${i}`);
      expect(limiter.active).toBeLessThanOrEqual(8);
    }
    await expect(Promise.all(results)).resolves.toEqual(Array.from({ length: 20 }, (_, i) => `result t${i}`));
    expect(h.maxTotal).toBe(8);
    expect(h.started).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`)); // arrival order
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('never runs more than 2 at once for one host, and starts its waiting tasks in order', async () => {
    const limiter = new FetchLimiter();
    const h = harness(limiter);
    const urls = ['Section901.xml', 'Section902.xml', 'Section903.xml', 'Section904.xml', 'Section905.xml'];
    // Same host spelled in different case and ports: still one host.
    const results = urls.map((path, i) =>
      h.submit(`e${i}`, i % 2 === 0 ? `https://rss.etnews.com/${path}` : `http://RSS.ETNEWS.com:80/${path}`),
    );
    await flush();
    expect(h.started).toEqual(['e0', 'e1']);
    await h.finish('e1');
    expect(h.started).toEqual(['e0', 'e1', 'e2']);
    await h.finish('e0');
    expect(h.started).toEqual(['e0', 'e1', 'e2', 'e3']);
    await h.finish('e3');
    await h.finish('e2');
    await h.finish('e4');
    await Promise.all(results);
    expect(h.started).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(h.maxPerHost.get('rss.etnews.com')).toBe(2);
  });

  it('does not let a busy host block other hosts queued behind it', async () => {
    const limiter = new FetchLimiter({ maxInFlight: 3, maxPerHost: 2 });
    const h = harness(limiter);
    const all = [
      h.submit('a1', 'https://a.example/1'),
      h.submit('a2', 'https://a.example/2'),
      h.submit('a3', 'https://a.example/3'), // host a full: waits
      h.submit('b1', 'https://b.example/1'), // behind a3 but another host: starts now
      h.submit('b2', 'https://b.example/2'), // no global slot left: waits
      h.submit('a4', 'https://a.example/4'),
    ];
    await flush();
    expect(h.started).toEqual(['a1', 'a2', 'b1']);

    // A global slot frees up; a3 is first in line but host a is still full, so b2 goes.
    await h.finish('b1');
    expect(h.started).toEqual(['a1', 'a2', 'b1', 'b2']);

    // Host a frees a slot: the oldest waiting a-task (a3) takes it, not a4.
    await h.finish('a1');
    expect(h.started).toEqual(['a1', 'a2', 'b1', 'b2', 'a3']);

    await h.finish('b2');
    expect(h.started).toHaveLength(5); // a4 waits: host a has a2 and a3 running
    await h.finish('a2');
    expect(h.started).toEqual(['a1', 'a2', 'b1', 'b2', 'a3', 'a4']);
    await h.finish('a3');
    await h.finish('a4');
    await Promise.all(all);
    expect(h.maxTotal).toBe(3);
    expect(h.maxPerHost.get('a.example')).toBe(2);
  });

  it('gives a freed global slot to the oldest eligible task (FIFO across hosts)', async () => {
    const limiter = new FetchLimiter({ maxInFlight: 2, maxPerHost: 2 });
    const h = harness(limiter);
    const all = [
      h.submit('x1', 'https://x.example/1'),
      h.submit('x2', 'https://x.example/2'),
      h.submit('y1', 'https://y.example/1'),
      h.submit('z1', 'https://z.example/1'),
      h.submit('y2', 'https://y.example/2'),
    ];
    await flush();
    await h.finish('x2');
    expect(h.started).toEqual(['x1', 'x2', 'y1']);
    await h.finish('x1');
    expect(h.started).toEqual(['x1', 'x2', 'y1', 'z1']);
    await h.finish('y1');
    expect(h.started).toEqual(['x1', 'x2', 'y1', 'z1', 'y2']);
    await h.finish('z1');
    await h.finish('y2');
    await Promise.all(all);
  });

  it('passes a rejection to the caller and frees the slot for the next task', async () => {
    const limiter = new FetchLimiter({ maxInFlight: 1 });
    const h = harness(limiter);
    const failing = h.submit('f', 'https://a.example/1');
    const next = h.submit('n', 'https://b.example/1');
    const failure = new Error('ECONNRESET');
    const settled = failing.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await h.finish('f', failure);
    expect(await settled).toBe(failure);
    expect(h.started).toEqual(['f', 'n']);
    await h.finish('n');
    await expect(next).resolves.toBe('result n');
  });

  it('turns a task that throws synchronously into a rejection and still frees its slot', async () => {
    const limiter = new FetchLimiter({ maxInFlight: 1 });
    const boom = new TypeError('bad task');
    const thrown = limiter.run('https://a.example/', () => {
      throw boom;
    });
    const after = limiter.run('https://a.example/', () => Promise.resolve('ok'));
    await expect(thrown).rejects.toBe(boom);
    await expect(after).resolves.toBe('ok');
    expect(limiter.active).toBe(0);
  });

  it('keeps both limits under a shuffled completion order (seeded, deterministic)', async () => {
    const limiter = new FetchLimiter({ maxInFlight: 8, maxPerHost: 2 });
    const h = harness(limiter);
    let seed = 20260804;
    const random = (): number => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const hosts = ['www.yna.co.kr', 'rss.etnews.com', 'feeds.feedburner.com', 'www.mk.co.kr', 'byline.network'];
    const names = Array.from({ length: 60 }, (_, i) => `j${i}`);
    const results = names.map((name, i) => h.submit(name, `https://${hosts[Math.floor(random() * hosts.length)]}/${i}`));
    await flush();
    const done = new Set<string>();
    while (done.size < names.length) {
      const runningNow = h.started.filter((name) => !done.has(name));
      expect(runningNow.length).toBeGreaterThan(0); // never stuck with work waiting
      const pick = runningNow[Math.floor(random() * runningNow.length)]!;
      done.add(pick);
      await h.finish(pick);
    }
    await expect(Promise.all(results)).resolves.toEqual(names.map((name) => `result ${name}`));
    expect(h.maxTotal).toBeLessThanOrEqual(8);
    for (const host of hosts) expect(h.maxPerHost.get(host) ?? 0).toBeLessThanOrEqual(2);
    expect(h.maxTotal).toBe(8); // five hosts × 2 allows 10, so the global cap was the one reached
  });
});

describe('FetchLimiter minimum gap per host', () => {
  it('starts two tasks on one host no closer than the gap, other hosts unaffected (fake clock)', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const limiter = new FetchLimiter({ maxInFlight: 4, maxPerHost: 2, minGapMs: 1_000 });
      const starts: Array<[string, number]> = [];
      const task = (name: string) => () => {
        starts.push([name, Date.now()]);
        return Promise.resolve(name);
      };
      const all = [
        limiter.run('https://a.example/1', task('a1')),
        limiter.run('https://a.example/2', task('a2')),
        limiter.run('https://b.example/1', task('b1')),
        limiter.run('https://a.example/3', task('a3'), { gapMs: 5_000 }),
      ];
      await vi.advanceTimersByTimeAsync(0);
      expect(starts).toEqual([
        ['a1', 1_000_000],
        ['b1', 1_000_000],
      ]);
      await vi.advanceTimersByTimeAsync(999);
      expect(starts.map(([n]) => n)).toEqual(['a1', 'b1']);
      await vi.advanceTimersByTimeAsync(1);
      expect(starts.at(-1)).toEqual(['a2', 1_001_000]);
      await vi.advanceTimersByTimeAsync(1_000);
      // a3's own gap (a Crawl-delay) applies after it, not before it.
      expect(starts.at(-1)).toEqual(['a3', 1_002_000]);
      expect(await Promise.all(all)).toEqual(['a1', 'a2', 'b1', 'a3']);
      const after = limiter.run('https://a.example/4', task('a4'));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(starts.map(([n]) => n)).not.toContain('a4');
      await vi.advanceTimersByTimeAsync(1);
      expect(starts.at(-1)).toEqual(['a4', 1_007_000]);
      await after;
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the gap from when the task has sent its request, not from before its synchronous start', async () => {
    // The clock moves while a task's synchronous part runs (a millisecond boundary crossed between
    // the limiter's reading and the request's, or real work): the next request on the host must
    // still be at least the gap after this one by any later reading of the same clock.
    vi.useFakeTimers({ now: 5_000 });
    try {
      const limiter = new FetchLimiter({ minGapMs: 400 });
      const sent: number[] = [];
      // The first task's synchronous part takes 3 ms before its request goes out, the second's none.
      const task = () => {
        if (sent.length === 0) vi.setSystemTime(Date.now() + 3);
        sent.push(Date.now());
        return Promise.resolve();
      };
      const both = [limiter.run('https://a.example/1', task), limiter.run('https://a.example/2', task)];
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual([5_003]);
      await vi.advanceTimersByTimeAsync(397); // 400 after the first task began, 397 after its request
      expect(sent).toEqual([5_003]);
      await vi.advanceTimersByTimeAsync(3);
      await Promise.all(both);
      expect(sent).toEqual([5_003, 5_403]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a negative gap', () => {
    expect(() => new FetchLimiter({ minGapMs: -1 })).toThrow(RangeError);
  });
});
