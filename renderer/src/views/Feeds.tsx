/**
 * Feeds: the built-in catalog with switches, add by URL (checked first: title, format, encoding,
 * item count — or the error in words), each feed's health, interval, full-text mode and folder, OPML import and
 * export, and "poll now".
 */
import { useRef, useState } from 'react';
import { displayUrl } from '../../../shared/display-url';
import { FULL_TEXT_MODES, type FullTextMode } from '../../../shared/types';
import { apiErrorOf, call, useApi, useEngineEvents, type ApiError, type ApiResult } from '../lib/api';
import { useI18n, type Translate } from '../i18n';
import { ErrorNote, Loading, TimeAgo } from '../components/common';
import { SearchSourcesCard, useSearchSources } from '../components/NewsSearch';

type Feed = ApiResult<'feeds.list'>[number];
type Check = ApiResult<'feeds.check'>;

const INTERVALS = [5, 10, 15, 30, 60, 120, 360, 1440];

function categoryLabel(t: Translate, category: string): string {
  switch (category) {
    case 'ict':
      return t('feeds.category.ict');
    case 'economy':
      return t('feeds.category.economy');
    case 'security':
      return t('feeds.category.security');
    case 'general':
      return t('feeds.category.general');
    default:
      return category;
  }
}

export function Feeds() {
  const { t, locale } = useI18n();
  const feeds = useApi('feeds.list', {}, []);
  const catalog = useApi('feeds.catalog', {}, []);
  const [error, setError] = useState<ApiError>();
  const [progress, setProgress] = useState<{ done: number; total: number; running: boolean } | null>(null);
  const [pollResult, setPollResult] = useState<ApiResult<'feeds.pollNow'> | null>(null);
  const [busy, setBusy] = useState(false);
  // "Poll now" also polls the watchlists' news searches: it works with searches and no feed too.
  const { sources: searchSources } = useSearchSources();
  useEngineEvents(['feeds.changed', 'poll.progress'], (event) => {
    if (event.name === 'poll.progress') setProgress(event.payload);
    else feeds.reload();
  });

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };
  const pollNow = (id?: number) =>
    run(async () => {
      setBusy(true);
      try {
        setPollResult(await call('feeds.pollNow', id ? { id } : {}));
      } finally {
        setBusy(false);
        feeds.reload();
        catalog.reload();
      }
    });

  return (
    <section className="view feeds" aria-labelledby="feeds-title">
      <header className="view-header">
        <h1 id="feeds-title">{t('feeds.title')}</h1>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => void pollNow()}
            disabled={busy || !(feeds.data?.some((f) => f.enabled) || searchSources.data?.some((s) => s.enabled))}
          >
            {busy ? t('feeds.polling') : t('feeds.pollNow')}
          </button>
        </div>
      </header>
      <div aria-live="polite" className="poll-status">
        {busy && progress ? t('feeds.progress', { done: progress.done, total: progress.total }) : null}
        {!busy && pollResult
          ? t('feeds.pollResult', {
              polled: pollResult.polled,
              inserted: pollResult.inserted,
              failed: pollResult.failed,
              alerts: pollResult.newAlerts,
            })
          : null}
      </div>
      <ErrorNote error={error ?? feeds.error ?? catalog.error} />

      <section className="card" aria-labelledby="catalog-title">
        <h2 id="catalog-title">{t('feeds.catalog')}</h2>
        <p className="hint">{t('feeds.catalogHint')}</p>
        {!catalog.data ? <Loading /> : null}
        <ul className="catalog">
          {catalog.data?.map((entry) => (
            <li key={entry.id}>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={entry.enabled}
                  data-catalog={entry.id}
                  onChange={(e) => {
                    const enabled = e.target.checked;
                    catalog.mutate((list) => list.map((c) => (c.id === entry.id ? { ...c, enabled } : c)));
                    void run(async () => {
                      try {
                        await call('feeds.setCatalogEnabled', { id: entry.id, enabled });
                      } finally {
                        catalog.reload();
                        feeds.reload();
                      }
                    });
                  }}
                />
                <span>{locale === 'ko' ? entry.name : entry.nameEn}</span>
              </label>
              <span className="badge">{categoryLabel(t, entry.category)}</span>
            </li>
          ))}
        </ul>
      </section>

      <AddFeed onAdded={() => feeds.reload()} />

      <section className="card" aria-labelledby="yours-title">
        <h2 id="yours-title">{t('feeds.yours')}</h2>
        {feeds.data && feeds.data.length === 0 ? <p className="hint">{t('feeds.emptyBody')}</p> : null}
        <div className="feed-table" role="table" aria-label={t('feeds.yours')}>
          {feeds.data?.map((feed) => (
            <FeedRow
              key={feed.id}
              feed={feed}
              onChanged={() => feeds.reload()}
              onLocal={(patch) => feeds.mutate((list) => list.map((f) => (f.id === feed.id ? { ...f, ...patch } : f)))}
              onError={setError}
              onPoll={() => void pollNow(feed.id)}
              busy={busy}
            />
          ))}
        </div>
      </section>

      <SearchSourcesCard />

      <Opml onImported={() => feeds.reload()} onError={setError} />
    </section>
  );
}

function AddFeed({ onAdded }: { onAdded: () => void }) {
  const { t, say } = useI18n();
  const [url, setUrl] = useState('');
  const [folder, setFolder] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ApiError>();

  const doCheck = async () => {
    setChecking(true);
    setCheck(null);
    setError(undefined);
    try {
      setCheck(await call('feeds.check', { url }));
    } catch (failure) {
      setError(apiErrorOf(failure));
    } finally {
      setChecking(false);
    }
  };
  const add = async () => {
    setError(undefined);
    try {
      await call('feeds.add', {
        url: check?.ok ? check.url : url,
        folder: folder.trim()
          ? folder
              .split('/')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
      });
      setUrl('');
      setCheck(null);
      onAdded();
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">{t('feeds.add')}</h2>
      <form
        className="add-feed"
        onSubmit={(e) => {
          e.preventDefault();
          void doCheck();
        }}
      >
        <label className="field grow">
          <span>{t('feeds.url')}</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('feeds.urlPlaceholder')} required />
        </label>
        <label className="field">
          <span>{t('feeds.folder')}</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('feeds.folderPlaceholder')} />
        </label>
        <button type="submit" disabled={checking || !url.trim()}>
          {checking ? t('feeds.checking') : t('feeds.check')}
        </button>
      </form>
      <div aria-live="polite">
        {check?.ok ? (
          <div className="check ok" data-testid="feed-check">
            <dl>
              <dt>{t('feeds.checkTitle')}</dt>
              <dd>{check.title}</dd>
              <dt>{t('feeds.checkFormat')}</dt>
              <dd>{check.format.toUpperCase()}</dd>
              <dt>{t('feeds.checkEncoding')}</dt>
              <dd>{check.encoding}</dd>
              <dt>{t('feeds.checkItems')}</dt>
              <dd>{check.itemCount}</dd>
            </dl>
            <button type="button" className="primary" onClick={() => void add()}>
              {t('feeds.addConfirm')}
            </button>
          </div>
        ) : null}
        {check && !check.ok ? (
          <div className="check failed" role="alert" data-testid="feed-check">
            <p>{say(check.message)}</p>
            <small className="detail">{check.detail}</small>
          </div>
        ) : null}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

function FeedRow({
  feed,
  onChanged,
  onLocal,
  onError,
  onPoll,
  busy,
}: {
  feed: Feed;
  onChanged: () => void;
  onLocal: (patch: Partial<Feed>) => void;
  onError: (e: ApiError) => void;
  onPoll: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [folder, setFolder] = useState(feed.folder.join(' / '));
  const update = async (patch: Omit<Parameters<typeof call<'feeds.update'>>[1], 'id'>) => {
    onLocal(patch);
    try {
      await call('feeds.update', { id: feed.id, ...patch });
    } catch (failure) {
      onError(apiErrorOf(failure));
    } finally {
      onChanged();
    }
  };
  const remove = async () => {
    try {
      await call('feeds.remove', { id: feed.id });
      onChanged();
    } catch (failure) {
      onError(apiErrorOf(failure));
    }
  };
  const status = feed.lastStatus ?? 'never';
  return (
    <div className="feed-row" role="row" data-feed={feed.id}>
      <div role="cell" className="feed-name">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={feed.enabled}
            onChange={(e) => void update({ enabled: e.target.checked })}
            aria-label={t('feeds.enabledLabel', { name: feed.displayTitle })}
          />
          <strong>{feed.displayTitle}</strong>
        </label>
        <small className="url">{feed.url}</small>
      </div>
      <div role="cell" className="feed-health">
        <span className={`status status-${status}`}>{t(`feeds.status.${status}`)}</span>
        <span>
          {t('feeds.lastFetch')}: {feed.lastFetchedAt ? <TimeAgo at={feed.lastFetchedAt} /> : t('feeds.never')}
        </span>
        <span>
          {t('feeds.nextFetch')}: {feed.enabled ? <TimeAgo at={feed.nextDueAt} /> : t('feeds.paused')}
        </span>
        <span>{t('feeds.items', { n: feed.articleCount })}</span>
        {feed.lastError ? (
          <span className="feed-error" title={feed.lastErrorDetail ?? undefined}>
            {feed.lastError}
          </span>
        ) : null}
      </div>
      <div role="cell" className="feed-settings">
        <label>
          <span className="sr-only">{t('feeds.interval')}</span>
          <select
            aria-label={t('feeds.interval')}
            value={feed.intervalMinutes}
            onChange={(e) => void update({ intervalMinutes: Number(e.target.value) })}
          >
            {[...new Set([...INTERVALS, feed.intervalMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {t('feeds.every', { n: m })}
                </option>
              ))}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('feeds.fullText')}</span>
          <select
            aria-label={t('feeds.fullText')}
            title={t('feeds.fullText')}
            value={feed.fullText}
            onChange={(e) => void update({ fullText: e.target.value as FullTextMode })}
          >
            {FULL_TEXT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`feeds.fullText.${mode}`)}
              </option>
            ))}
          </select>
        </label>
        <input
          aria-label={t('feeds.folder')}
          value={folder}
          placeholder={t('feeds.folderPlaceholder')}
          onChange={(e) => setFolder(e.target.value)}
          onBlur={() => {
            const next = folder
              .split('/')
              .map((s) => s.trim())
              .filter(Boolean);
            if (next.join('/') !== feed.folder.join('/')) void update({ folder: next });
          }}
        />
        <button type="button" onClick={onPoll} disabled={busy || !feed.enabled}>
          {t('feeds.pollOne')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void remove()}
          aria-label={t('feeds.removeLabel', { name: feed.displayTitle })}
        >
          {t('common.delete')}
        </button>
      </div>
    </div>
  );
}

function Opml({ onImported, onError }: { onImported: () => void; onError: (e: ApiError) => void }) {
  const { t, say } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<string>();
  const [rejected, setRejected] = useState<ApiResult<'feeds.importOpml'>['rejected']>([]);
  const showImported = (imported: ApiResult<'feeds.importOpml'>) => {
    setResult(t('feeds.opmlImported', { added: imported.added, skipped: imported.skipped }));
    setRejected(imported.rejected);
    onImported();
  };
  const importFile = async (file: File) => {
    try {
      showImported(await call('feeds.importOpml', { text: await file.text() }));
    } catch (failure) {
      onError(apiErrorOf(failure));
    }
  };
  // The desktop app opens its native dialog (a window cannot read a path itself); elsewhere the
  // browser's file input.
  const chooseImport = async () => {
    try {
      const answer = await call('feeds.importOpmlFile', {});
      if (!answer.handled) fileRef.current?.click();
      else if (answer.imported) showImported(answer.imported);
    } catch (failure) {
      onError(apiErrorOf(failure));
    }
  };
  const exportFile = async () => {
    try {
      // The desktop app saves through its native dialog: the window cannot download.
      const saved = await call('feeds.exportOpmlFile', {});
      if (saved.handled) {
        if (saved.path) setResult(t('feeds.opmlSaved', { path: saved.path }));
        return;
      }
      const { text } = await call('feeds.exportOpml', {});
      const url = URL.createObjectURL(new Blob([text], { type: 'text/x-opml' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'nunchi-feeds.opml';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      onError(apiErrorOf(failure));
    }
  };
  return (
    <section className="card" aria-labelledby="opml-title">
      <h2 id="opml-title">{t('feeds.opmlTitle')}</h2>
      <p className="hint">{t('feeds.opmlHint')}</p>
      <div className="toolbar">
        <input
          ref={fileRef}
          type="file"
          accept=".opml,.xml,text/xml,text/x-opml"
          hidden
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
        <button type="button" onClick={() => void chooseImport()}>
          {t('feeds.opmlImport')}
        </button>
        <button type="button" onClick={() => void exportFile()}>
          {t('feeds.opmlExport')}
        </button>
      </div>
      {result ? <p role="status">{result}</p> : null}
      {rejected.length > 0 ? (
        <ul className="hint" aria-label={t('feeds.opmlRejected')}>
          {rejected.map((r, i) => (
            <li key={i}>{t('feeds.opmlRejectedItem', { title: r.title ?? r.url, url: displayUrl(r.url), reason: say(r.message) })}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
