import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationDelivery } from '../../../main/alerts/delivery';
import type { NotificationToShow } from '../../../main/alerts/notifier';
import { openDatabase, type Db } from '../../../main/store/database';
import { NotificationOutbox } from '../../../main/store/outbox';
import { SettingsStore } from '../../../main/store/settings';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 3, 0);
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A delivery on a real database that counts how often it reads the settings. */
function delivery(db: Db) {
  const shown: NotificationToShow[] = [];
  const reads = { settings: 0 };
  const store = new SettingsStore(db);
  const deliver = new NotificationDelivery({
    outbox: NotificationOutbox.of(db),
    notifier: { show: (n) => (shown.push(n), Promise.resolve()) },
    settings: () => (reads.settings++, store.all()),
    now: () => NOW,
  });
  return { deliver, shown, reads };
}

describe('NotificationDelivery', () => {
  it('with nothing to show and no alert waiting, reads no settings (no ICU start-up) and sets no timer', async () => {
    const db = openDatabase(join(tempDir(), 'empty.sqlite'));
    open.push(db);
    const { deliver, reads, shown } = delivery(db);
    expect(await deliver.dispatch()).toEqual({ shown: 0, recorded: 0, held: 0, failed: 0, nextCheckAt: null });
    expect(reads.settings).toBe(0);
    expect(shown).toEqual([]);
    await deliver.close();
  });
  // With work to do, the full dispatch runs: tests/integration/notifications.test.ts.
});
