import { describe, expect, it } from 'vitest';
import {
  decideNotifications,
  neverNotifyReason,
  parseClock,
  quietHoursEnd,
  type NotificationCandidate,
  type PolicySettings,
} from '../../../main/alerts/policy';

const SEOUL = 'Asia/Seoul';
/** An instant given as Seoul wall-clock time (UTC+9, no DST). */
const seoul = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 9, minute);

const settings: PolicySettings = {
  quietHours: null,
  timeZone: SEOUL,
  batchThreshold: 3,
  maxNotificationsPerMinute: 6,
  notificationsPausedUntil: null,
};

let nextId = 1;
function alert(partial: Partial<NotificationCandidate> = {}): NotificationCandidate {
  const id = nextId++;
  return {
    alertId: id,
    articleId: 1000 + id,
    storyId: 1000 + id,
    watchlistId: 1,
    watchlistName: '카카오브레인',
    state: 'pending',
    origin: 'live',
    watchlistNotifies: true,
    storyMuted: false,
    earlierInStory: false,
    read: false,
    ...partial,
  };
}

const ids = (list: NotificationCandidate[]) => list.map((c) => c.alertId);
const noon = seoul(28, 12);

describe('never notify', () => {
  it.each<[string, Partial<NotificationCandidate>, string]>([
    ['backlog (first poll of a feed, retroactive matching)', { origin: 'backfill' }, 'backlog'],
    ['a watchlist with notify off', { watchlistNotifies: false }, 'watchlist-notify-off'],
    ['a deleted watchlist', { watchlistId: null }, 'watchlist-notify-off'],
    ['a muted story', { storyMuted: true }, 'story-muted'],
    ['a later outlet carrying the same story', { earlierInStory: true }, 'not-first-of-story'],
    ['an alert the user already read', { read: true }, 'already-read'],
  ])('%s', (_name, partial, reason) => {
    const c = alert(partial);
    expect(neverNotifyReason(c)).toBe(reason);
    const decision = decideNotifications([c], settings, noon);
    expect(decision).toEqual({ notify: [], hold: [], drop: [c.alertId], holdReason: null, nextCheckAt: null });
  });

  it('a live alert of a notifying watchlist notifies, alone', () => {
    const c = alert();
    const decision = decideNotifications([c], settings, noon);
    expect(decision.notify).toEqual([{ kind: 'single', articleId: c.articleId, storyId: c.storyId, alerts: [c] }]);
    expect(decision.drop).toEqual([]);
  });

  it('only the first article of a story notifies when both are pending together', () => {
    const first = alert({ storyId: 7 });
    const later = alert({ storyId: 7, earlierInStory: true });
    const decision = decideNotifications([first, later], settings, noon);
    expect(decision.notify.map((n) => ids(n.alerts))).toEqual([[first.alertId]]);
    expect(decision.drop).toEqual([later.alertId]);
  });
});

describe('quiet hours', () => {
  const quiet: PolicySettings = { ...settings, quietHours: { start: '23:00', end: '07:00' } };

  it('crossing midnight: 23:00 and 03:00 are quiet, 07:00 and 22:59 are not', () => {
    expect(quietHoursEnd(seoul(28, 23, 0), quiet.quietHours, SEOUL)).toBe(seoul(29, 7));
    expect(quietHoursEnd(seoul(29, 3, 30), quiet.quietHours, SEOUL)).toBe(seoul(29, 7));
    expect(quietHoursEnd(seoul(29, 6, 59), quiet.quietHours, SEOUL)).toBe(seoul(29, 7));
    expect(quietHoursEnd(seoul(29, 7, 0), quiet.quietHours, SEOUL)).toBeNull();
    expect(quietHoursEnd(seoul(28, 22, 59), quiet.quietHours, SEOUL)).toBeNull();
  });

  it('a window within one day, and equal start and end meaning none', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(quietHoursEnd(seoul(28, 12, 30), lunch, SEOUL)).toBe(seoul(28, 13));
    expect(quietHoursEnd(seoul(28, 13, 0), lunch, SEOUL)).toBeNull();
    expect(quietHoursEnd(seoul(28, 11, 59), lunch, SEOUL)).toBeNull();
    expect(quietHoursEnd(seoul(28, 12, 30), { start: '12:00', end: '12:00' }, SEOUL)).toBeNull();
  });

  it('is read in the user’s zone, not UTC', () => {
    // 23:30 in Seoul is 14:30 UTC: quiet for a Seoul user, not for one in London (14:30 there).
    const at = seoul(28, 23, 30);
    expect(quietHoursEnd(at, quiet.quietHours, SEOUL)).not.toBeNull();
    expect(quietHoursEnd(at, quiet.quietHours, 'Europe/London')).toBeNull();
  });

  it('holds alerts during quiet hours and says when to look again', () => {
    const a = alert();
    const b = alert({ watchlistId: 2, watchlistName: '퇴사' });
    const decision = decideNotifications([a, b], quiet, seoul(29, 2));
    expect(decision).toEqual({ notify: [], hold: [a.alertId, b.alertId], drop: [], holdReason: 'quiet-hours', nextCheckAt: seoul(29, 7) });
  });

  it('summarises the held alerts in one notification when the quiet period ends', () => {
    const held = [alert({ state: 'held' }), alert({ state: 'held' }), alert({ state: 'held', watchlistId: 2, watchlistName: '퇴사' })];
    const fresh = alert({ watchlistId: 3 });
    const decision = decideNotifications([...held, fresh], quiet, seoul(29, 7, 5));
    expect(decision.notify.map((n) => n.kind)).toEqual(['summary', 'single']);
    expect(ids(decision.notify[0]!.alerts)).toEqual(ids(held));
    expect(decision.hold).toEqual([]);
    expect(decision.nextCheckAt).toBeNull();
  });

  it('malformed clock values mean no quiet hours', () => {
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('7:00')).toBeNull();
    expect(parseClock('07:05')).toBe(425);
    expect(quietHoursEnd(noon, { start: '99:00', end: '07:00' }, SEOUL)).toBeNull();
  });
});

describe('batching', () => {
  it('more than batchThreshold new alerts for one watchlist → one batch notification', () => {
    const five = [1, 2, 3, 4, 5].map(() => alert());
    const decision = decideNotifications(five, settings, noon);
    expect(decision.notify).toEqual([{ kind: 'batch', watchlistId: 1, alerts: five }]);
  });

  it('exactly batchThreshold alerts notify one by one', () => {
    const three = [1, 2, 3].map(() => alert());
    const decision = decideNotifications(three, settings, noon);
    expect(decision.notify.map((n) => n.kind)).toEqual(['single', 'single', 'single']);
  });

  it('batches per watchlist: another watchlist’s alerts are not swallowed', () => {
    const many = [1, 2, 3, 4].map(() => alert());
    const other = alert({ watchlistId: 2, watchlistName: '퇴사' });
    const decision = decideNotifications([...many, other], settings, noon);
    expect(decision.notify.map((n) => n.kind)).toEqual(['batch', 'single']);
  });

  it('an article matching two watchlists notifies once, naming both', () => {
    const a = alert({ articleId: 77, storyId: 77 });
    const b = alert({ articleId: 77, storyId: 77, watchlistId: 2, watchlistName: '퇴사' });
    const decision = decideNotifications([a, b], settings, noon);
    expect(decision.notify).toEqual([{ kind: 'single', articleId: 77, storyId: 77, alerts: [a, b] }]);
  });

  it('an article already in a batch does not notify again for another watchlist', () => {
    const batch = [1, 2, 3, 4].map(() => alert());
    const sameArticle = alert({ articleId: batch[0]!.articleId, storyId: batch[0]!.storyId, watchlistId: 2 });
    const decision = decideNotifications([...batch, sameArticle], settings, noon);
    expect(decision.notify).toHaveLength(1);
    expect(ids(decision.notify[0]!.alerts)).toEqual([...ids(batch), sameArticle.alertId]);
  });

  it('the threshold is a setting', () => {
    const two = [1, 2].map(() => alert());
    expect(decideNotifications(two, { ...settings, batchThreshold: 1 }, noon).notify.map((n) => n.kind)).toEqual(['batch']);
  });
});

describe('the per-minute cap', () => {
  const capped: PolicySettings = { ...settings, maxNotificationsPerMinute: 2 };

  it('holds the excess instead of dropping it, and says when there is room again', () => {
    const alerts = [1, 2, 3, 4].map((i) => alert({ watchlistId: i }));
    const decision = decideNotifications(alerts, capped, noon);
    expect(decision.notify.map((n) => ids(n.alerts))).toEqual([[alerts[0]!.alertId], [alerts[1]!.alertId]]);
    expect(decision.hold).toEqual([alerts[2]!.alertId, alerts[3]!.alertId]);
    expect(decision.holdReason).toBe('cap');
    expect(decision.nextCheckAt).toBe(noon + 60_000);
  });

  it('counts the notifications of the last minute, and only those', () => {
    const a = alert({ watchlistId: 1 });
    const b = alert({ watchlistId: 2 });
    const full = decideNotifications([a, b], capped, noon, [noon - 50_000, noon - 10_000]);
    expect(full.notify).toEqual([]);
    expect(full.hold).toEqual([a.alertId, b.alertId]);
    expect(full.nextCheckAt).toBe(noon + 10_000); // when the one from 50 s ago leaves the window

    const oneOld = decideNotifications([a, b], capped, noon, [noon - 61_000, noon - 10_000]);
    expect(oneOld.notify).toHaveLength(1);
    expect(oneOld.hold).toEqual([b.alertId]);
  });

  it('held alerts become one summary once the minute has room', () => {
    const held = [1, 2, 3].map((i) => alert({ watchlistId: i, state: 'held' }));
    const decision = decideNotifications(held, capped, noon + 61_000, [noon, noon]);
    expect(decision.notify).toEqual([{ kind: 'summary', alerts: held }]);
  });
});

describe('pause', () => {
  it('paused until a time: held, then summarised after it', () => {
    const paused: PolicySettings = { ...settings, notificationsPausedUntil: noon + 3600_000 };
    const a = alert();
    const during = decideNotifications([a], paused, noon);
    expect(during).toEqual({ notify: [], hold: [a.alertId], drop: [], holdReason: 'paused', nextCheckAt: noon + 3600_000 });

    const after = decideNotifications([{ ...a, state: 'held' }], paused, noon + 3600_000);
    expect(after.notify.map((n) => n.kind)).toEqual(['summary']);
  });

  it('a pause in the past changes nothing', () => {
    const a = alert();
    expect(decideNotifications([a], { ...settings, notificationsPausedUntil: noon - 1 }, noon).notify).toHaveLength(1);
  });

  it('held alerts that can no longer notify (muted meanwhile) are dropped, not summarised', () => {
    const a = alert({ state: 'held', storyMuted: true });
    const b = alert({ state: 'held' });
    const decision = decideNotifications([a, b], settings, noon);
    expect(decision.drop).toEqual([a.alertId]);
    expect(decision.notify).toEqual([{ kind: 'summary', alerts: [b] }]);
  });
});
