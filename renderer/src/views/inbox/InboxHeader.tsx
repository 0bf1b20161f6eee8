/** The inbox's title, counts and filters: watchlist, read state, day, and "mark all read". */
import { useApi, useEngineEvents } from '../../lib/api';
import { useI18n } from '../../i18n';
import { useApp } from '../../app-context';

export function InboxHeader({
  total,
  unreadTotal,
  onMarkAllRead,
}: {
  total: number | null;
  unreadTotal: number;
  onMarkAllRead: () => void;
}) {
  const { t } = useI18n();
  const { inboxFilter, setInboxFilter } = useApp();
  const watchlists = useApi('watchlists.list', {}, []);
  useEngineEvents(['watchlists.changed'], () => watchlists.reload());
  return (
    <header className="view-header">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <span className="count" aria-live="polite">
        {total !== null ? t('inbox.counts', { total, unread: unreadTotal }) : ''}
      </span>
      <div className="toolbar">
        <label>
          <span className="sr-only">{t('inbox.filterWatchlist')}</span>
          <select
            aria-label={t('inbox.filterWatchlist')}
            value={inboxFilter.watchlistId ?? ''}
            onChange={(e) => setInboxFilter({ ...inboxFilter, watchlistId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('inbox.allWatchlists')}</option>
            {watchlists.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="radiogroup" aria-label={t('inbox.filterState')}>
          {(['unread', 'starred', 'all'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={inboxFilter.filter === f}
              className={inboxFilter.filter === f ? 'on' : ''}
              onClick={() => setInboxFilter({ ...inboxFilter, filter: f })}
            >
              {t(`inbox.filter.${f}`)}
            </button>
          ))}
        </div>
        {inboxFilter.day ? (
          <button
            type="button"
            className="day-chip"
            onClick={() => setInboxFilter({ ...inboxFilter, day: undefined })}
            aria-label={t('inbox.clearDay', { day: inboxFilter.day })}
          >
            {inboxFilter.day} ✕
          </button>
        ) : null}
        <button type="button" onClick={onMarkAllRead} disabled={!unreadTotal}>
          {t('inbox.markAllRead')}
        </button>
      </div>
    </header>
  );
}
