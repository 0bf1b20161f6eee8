import { formatMessage } from '../../shared/messages';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../main/engine';
import { makeItem } from '../helpers/items';
import { engineInternals } from '../../main/engine/internals';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 100 000 stored articles of ~280 characters with a realistic spread: a large everyday vocabulary,
 * and the watched words at the rates news has them (카카오브레인 in 0.5% of articles, 퇴사 1%, AI 5%).
 */
function article(rand: () => number, i: number) {
  const syllables =
    '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히';
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  const words: string[] = [];
  while (words.join(' ').length < 280) words.push(word());
  const inject = (term: string, rate: number) => {
    if (rand() < rate) words.splice(Math.floor(rand() * words.length), 0, term);
  };
  inject('카카오브레인', 0.005);
  inject('KoGPT', 0.003);
  inject('퇴사', 0.01);
  inject('AI', 0.05);
  inject('카카오', 0.02);
  const title = words.slice(0, 6).join(' ');
  return makeItem({
    identity: `b${i}`,
    title,
    text: words.slice(6).join(' '),
    publishedAt: Date.now() - Math.floor(rand() * 25 * 86400_000),
  });
}

/** Times the watchlist preview (an unsaved query over the last 30 days) on 100 000 articles. */
export async function benchPreview(articles = 100_000): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'nunchi-preview-'));
  const engine = new Engine({ databasePath: join(dir, 'preview.sqlite'), processing: 'in-process' });
  try {
    const rand = seeded(7);
    for (let f = 0; f < 100; f++) {
      const feed = engineInternals(engine).feeds.add({ url: `https://bench${f}.example.kr/rss` }, Date.now());
      const items = Array.from({ length: articles / 100 }, (_, i) => article(rand, f * 100_000 + i));
      engineInternals(engine).articles.storeFeedItems({ id: feed.id, title: `매체${f}` }, items, Date.now());
    }
    await engine.whenIdle(); // the search index caught up, as it is a few seconds after any poll
    const rows: Record<string, string> = {};
    // The first preview reads the last 30 days into memory (see main/watchlists/preview-window.ts);
    // every later keystroke works on that window.
    const first = await engine.preview({ query: '카카오브레인' });
    if (!first.ok) throw new Error(formatMessage('en', first.error));
    rows['first preview (reads the 30-day window)'] = `${first.tookMs.toFixed(0)} ms`;
    for (const query of [
      '카카오브레인',
      'KoGPT',
      '퇴사',
      '카카오브레인 OR KoGPT',
      '"카카오 브레인"',
      '퇴사 title:카카오',
      'AI',
      '카카오 -퇴사',
    ]) {
      await engine.preview({ query }); // warm the statement cache and the JIT
      const times: number[] = [];
      let count = 0;
      for (let run = 0; run < 5; run++) {
        const result = await engine.preview({ query });
        if (!result.ok) throw new Error(formatMessage('en', result.error));
        times.push(result.tookMs);
        count = result.count;
      }
      times.sort((a, b) => a - b);
      rows[`preview ${query}`] = `${times[2]!.toFixed(1)} ms median (${count} matches)`;
    }
    return rows;
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
