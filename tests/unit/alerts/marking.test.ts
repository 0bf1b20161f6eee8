import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialNotifyState, markNewAlert, type MarkFacts } from '../../../main/alerts/marking';
import { AlertStore } from '../../../main/store/alerts';
import { ArticleStore } from '../../../main/store/articles';
import { openDatabase, type Db } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { WatchlistStore } from '../../../main/store/watchlists';
import { makeItem } from '../../helpers/items';
import { useTempDir } from '../../helpers/temp-dir';

describe('initialNotifyState', () => {
  const live: MarkFacts = { origin: 'live', watchlistNotifies: true, storyMuted: false, earlierInStory: false };
  it.each<[string, Partial<MarkFacts>, 'pending' | 'none']>([
    ['live, notifying, first of an unmuted story', {}, 'pending'],
    ['backlog', { origin: 'backfill' }, 'none'],
    ['watchlist with notify off', { watchlistNotifies: false }, 'none'],
    ['muted story', { storyMuted: true }, 'none'],
    ['not the first article of its story', { earlierInStory: true }, 'none'],
  ])('%s → %s', (_name, patch, expected) => {
    expect(initialNotifyState({ ...live, ...patch })).toBe(expected);
  });
});

describe('markNewAlert (real database)', () => {
  const tempDir = useTempDir();
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  function setup() {
    const db = openDatabase(join(tempDir(), 'n.sqlite'));
    dbs.push(db);
    const feeds = new FeedStore(db);
    const articles = new ArticleStore(db);
    const alerts = new AlertStore(db);
    const watchlists = new WatchlistStore(db);
    const a = feeds.add({ url: 'https://a.example.kr/rss' }, 0);
    const b = feeds.add({ url: 'https://b.example.kr/rss' }, 0);
    const on = watchlists.create({ name: '카카오브레인', query: '카카오브레인' }, 0);
    const off = watchlists.create({ name: '퇴사', query: '퇴사', notify: false }, 0);
    const state = (id: number) => db.prepare(`SELECT notify_state FROM alerts WHERE id = ?`).pluck().get(id);
    const articleOf = (alertId: number) => db.prepare(`SELECT article_id FROM alerts WHERE id = ?`).pluck().get(alertId) as number;

    /** Stores one article in a feed and writes + marks its alert in the same transaction, as the engine does. */
    function storeAndAlert(
      feedId: number,
      identity: string,
      canonicalLink: string | null,
      watchlist = on,
      origin: 'live' | 'backfill' = 'live',
    ) {
      let alertId = 0;
      let storyId = 0;
      articles.storeFeedItems({ id: feedId, title: 'feed' }, [makeItem({ identity, canonicalLink })], 1, (stored) => {
        storyId = stored.storyId;
        alertId = alerts.add({ articleId: stored.id, sortAt: stored.sortAt, storyId: stored.storyId, watchlist, spans: [], origin }, 1)!;
        markNewAlert(alerts, { id: alertId, articleId: stored.id, storyId: stored.storyId, origin }, watchlist);
      });
      return { alertId, storyId };
    }
    return { db, a, b, on, off, alerts, state, articleOf, storeAndAlert };
  }

  it('a live alert of a notifying watchlist becomes pending', () => {
    const t = setup();
    const { alertId } = t.storeAndAlert(t.a.id, 'x1', null);
    expect(t.state(alertId)).toBe('pending');
  });

  it('backlog and notify-off stay none', () => {
    const t = setup();
    expect(t.state(t.storeAndAlert(t.a.id, 'x1', null, t.on, 'backfill').alertId)).toBe('none');
    expect(t.state(t.storeAndAlert(t.a.id, 'x2', null, t.off).alertId)).toBe('none');
  });

  it('only the first article of a story notifies; another outlet with the same story does not', () => {
    const t = setup();
    const first = t.storeAndAlert(t.a.id, 'x1', 'https://news.example.kr/story/1');
    const second = t.storeAndAlert(t.b.id, 'y1', 'https://news.example.kr/story/1');
    expect(second.storyId).toBe(first.storyId);
    expect(t.state(first.alertId)).toBe('pending');
    expect(t.state(second.alertId)).toBe('none');
  });

  it('the same article alerting for a second watchlist is still the first of its story', () => {
    const t = setup();
    const { alertId, storyId } = t.storeAndAlert(t.a.id, 'x1', null);
    const articleId = t.articleOf(alertId);
    const again = t.alerts.add({ articleId, sortAt: 0, storyId, watchlist: { ...t.on, id: t.off.id }, spans: [], origin: 'live' }, 2)!;
    expect(markNewAlert(t.alerts, { id: again, articleId, storyId, origin: 'live' }, { notify: true })).toBe('pending');
  });

  it('a muted story never notifies again', () => {
    const t = setup();
    const first = t.storeAndAlert(t.a.id, 'x1', 'https://news.example.kr/story/2');
    t.alerts.setMuted(first.storyId, true);
    expect(t.state(first.alertId)).toBe('none'); // muting clears what was pending
    // Even an alert for the muted story's own first article (e.g. a second watchlist) stays quiet.
    const articleId = t.articleOf(first.alertId);
    const again = t.alerts.add(
      { articleId, sortAt: 0, storyId: first.storyId, watchlist: { ...t.on, id: t.off.id }, spans: [], origin: 'live' },
      2,
    )!;
    expect(markNewAlert(t.alerts, { id: again, articleId, storyId: first.storyId, origin: 'live' }, { notify: true })).toBe('none');
    expect(t.state(again)).toBe('none');
  });
});
