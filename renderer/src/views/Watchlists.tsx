/**
 * Watchlists: the list with alert counts, and the editor — query with syntax help, the parse
 * error positioned under the query while typing (watchlists.validate), a live preview of the
 * stored articles it would match (watchlists.preview), notify, colour, feed scope, mute terms.
 */
import { useEffect, useMemo, useState } from 'react';
import { apiErrorOf, call, useApi, useEngineEvents, type ApiError, type ApiResult } from '../lib/api';
import { columnRange } from '../lib/graphemes';
import { useDebounced } from '../lib/use-debounced';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { EmptyState, ErrorNote, Loading, ResultRow } from '../components/common';
import { SearchSwitches, useSearchSources } from '../components/NewsSearch';

type Watchlist = ApiResult<'watchlists.list'>[number];
type FeedScope = NonNullable<Watchlist['feedScope']>;
type QueryError = Extract<ApiResult<'watchlists.validate'>, { ok: false }>['error'];

const COLORS = ['#e5484d', '#f76b15', '#ffc53d', '#30a46c', '#12a594', '#0090ff', '#6e56cf', '#d6409f'];

export function Watchlists() {
  const { t } = useI18n();
  const { setInboxFilter, navigate } = useApp();
  const list = useApi('watchlists.list', {}, []);
  useEngineEvents(['watchlists.changed', 'alerts.new'], () => list.reload());
  const [editing, setEditing] = useState<Watchlist | 'new' | null>(null);
  const { sources } = useSearchSources();
  const searchFailing = (id: number) => sources.data?.some((s) => s.watchlistId === id && s.lastError !== null) ?? false;

  return (
    <section className="view watchlists" aria-labelledby="watchlists-title">
      <header className="view-header">
        <h1 id="watchlists-title">{t('watchlists.title')}</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            + {t('watchlists.new')}
          </button>
        </div>
      </header>
      <ErrorNote error={list.error} onRetry={list.reload} />
      <div className="split">
        <div className="split-list">
          {list.data && list.data.length === 0 ? (
            <EmptyState title={t('watchlists.emptyTitle')}>
              <p>{t('watchlists.emptyBody')}</p>
            </EmptyState>
          ) : null}
          {!list.data && list.loading ? <Loading /> : null}
          <ul className="watchlist-list" aria-label={t('watchlists.title')}>
            {list.data?.map((w) => (
              <li key={w.id} className={editing !== 'new' && editing?.id === w.id ? 'selected' : ''}>
                <button type="button" className="watchlist-item" onClick={() => setEditing(w)}>
                  <span className="chip-dot" style={{ background: w.color }} aria-hidden="true" />
                  <span className="name">{w.name}</span>
                  {!w.enabled ? <span className="badge">{t('watchlists.disabled')}</span> : null}
                  {w.backfilling ? <span className="badge">{t('watchlists.backfilling')}</span> : null}
                  {searchFailing(w.id) ? <span className="badge error">{t('newsSearch.badge')}</span> : null}
                  <span className="counts">{t('watchlists.counts', { today: w.counts.today, week: w.counts.week })}</span>
                </button>
                <button
                  type="button"
                  className="link small"
                  onClick={() => {
                    setInboxFilter({ filter: 'all', watchlistId: w.id });
                    navigate('inbox');
                  }}
                >
                  {t('watchlists.showAlerts')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="split-detail">
          {editing ? (
            <WatchlistEditor
              key={editing === 'new' ? 'new' : editing.id}
              watchlist={editing === 'new' ? null : editing}
              onSaved={(w) => {
                list.reload();
                setEditing(w);
              }}
              onDeleted={() => {
                list.reload();
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <EmptyState title={t('watchlists.pick')}>
              <p>{t('watchlists.pickBody')}</p>
            </EmptyState>
          )}
        </div>
      </div>
    </section>
  );
}

/** Every folder a feed sits in, with its parents, plus the folders already chosen; sorted. */
function folderChoices(feeds: ReadonlyArray<{ folder: string[] }>, chosen: readonly string[][]): string[][] {
  const paths = new Map<string, string[]>();
  const add = (path: readonly string[]) => {
    for (let depth = 1; depth <= path.length; depth++) paths.set(JSON.stringify(path.slice(0, depth)), path.slice(0, depth));
  };
  feeds.forEach((feed) => add(feed.folder));
  chosen.forEach(add);
  return [...paths.values()].sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000'), 'ko'));
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((part, i) => part === b[i]);

function splitTerms(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function WatchlistEditor(props: {
  watchlist: Watchlist | null;
  onSaved: (w: Watchlist) => void;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const { t, say } = useI18n();
  const w = props.watchlist;
  const [name, setName] = useState(w?.name ?? '');
  const [query, setQuery] = useState(w?.query ?? '');
  const [color, setColor] = useState(w?.color ?? COLORS[Math.floor(Math.random() * COLORS.length)]!);
  const [notify, setNotify] = useState(w?.notify ?? true);
  const [enabled, setEnabled] = useState(w?.enabled ?? true);
  const [mute, setMute] = useState((w?.muteTerms ?? []).join(', '));
  const [searchSources, setSearchSources] = useState(w?.searchSources ?? []);
  const [scopeFeeds, setScopeFeeds] = useState<number[] | null>(w?.feedScope ? w.feedScope.feedIds : null);
  // Kept as they are when the watchlist is edited: a folder scope is never lost by saving.
  const [scopeFolders, setScopeFolders] = useState<string[][]>(w?.feedScope?.folders ?? []);
  const [queryError, setQueryError] = useState<QueryError | null>(null);
  const [preview, setPreview] = useState<ApiResult<'watchlists.preview'> | null>(null);
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const feeds = useApi('feeds.list', {}, []);

  const debouncedQuery = useDebounced(query, 150);
  const muteTerms = useMemo(() => splitTerms(mute), [mute]);
  const feedScope: FeedScope | null = scopeFeeds ? { feedIds: scopeFeeds, folders: scopeFolders } : null;
  const folders = useMemo(() => folderChoices(feeds.data ?? [], scopeFolders), [feeds.data, scopeFolders]);
  const previewKey = JSON.stringify([query, muteTerms, feedScope]);
  const debouncedPreviewKey = useDebounced(previewKey, 350);

  // The positioned error, as the user types.
  useEffect(() => {
    if (debouncedQuery.trim() === '') {
      setQueryError(null);
      return;
    }
    let live = true;
    call('watchlists.validate', { query: debouncedQuery }).then(
      (result) => live && setQueryError(result.ok ? null : result.error),
      (failure: unknown) => live && setError(apiErrorOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [debouncedQuery]);

  // What it would match among stored articles.
  useEffect(() => {
    const [q, terms, scope] = JSON.parse(debouncedPreviewKey) as [string, string[], FeedScope | null];
    if (q.trim() === '') {
      setPreview(null);
      return;
    }
    let live = true;
    call('watchlists.preview', { query: q, muteTerms: terms, feedScope: scope, limit: 20 }).then(
      (result) => live && setPreview(result),
      (failure: unknown) => live && setError(apiErrorOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [debouncedPreviewKey]);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const input = { name: name.trim() || query.trim().slice(0, 40), query, color, notify, enabled, muteTerms, feedScope, searchSources };
      const saved = w ? await call('watchlists.update', { id: w.id, ...input }) : await call('watchlists.create', input);
      props.onSaved(saved);
    } catch (failure) {
      setError(apiErrorOf(failure));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (alerts: 'keep' | 'delete') => {
    if (!w) return;
    try {
      await call('watchlists.remove', { id: w.id, alerts });
      props.onDeleted();
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  const errorRange = queryError ? columnRange(query, queryError.column, Math.max(1, queryError.length)) : null;

  return (
    <form
      className="editor"
      aria-label={w ? t('watchlists.editTitle', { name: w.name }) : t('watchlists.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{w ? t('watchlists.editTitle', { name: w.name }) : t('watchlists.newTitle')}</h2>
      <label className="field">
        <span>{t('watchlists.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('watchlists.namePlaceholder')} maxLength={100} />
      </label>
      <label className="field">
        <span>{t('watchlists.query')}</span>
        <textarea
          className="query-input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          rows={3}
          spellCheck={false}
          placeholder={t('watchlists.queryPlaceholder')}
          aria-invalid={!!queryError}
          aria-describedby="query-error"
        />
      </label>
      <div id="query-error" aria-live="polite">
        {queryError && errorRange ? (
          <div className="query-error" role="alert" data-column={queryError.column}>
            <pre className="query-echo" aria-hidden="true">
              {query.slice(0, errorRange[0])}
              <span className="query-error-mark">{query.slice(errorRange[0], errorRange[1]) || ' '}</span>
              {query.slice(errorRange[1])}
            </pre>
            <p>{say(queryError)}</p>
          </div>
        ) : null}
      </div>
      <details className="syntax-help">
        <summary>{t('watchlists.syntax')}</summary>
        <table>
          <tbody>
            {(['and', 'or', 'not', 'phrase', 'group', 'title'] as const).map((k) => (
              <tr key={k}>
                <td>
                  <code>{t(`watchlists.syntax.${k}.example`)}</code>
                </td>
                <td>{t(`watchlists.syntax.${k}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="field-row">
        <label className="switch">
          <input type="checkbox" role="switch" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
          <span>{t('watchlists.notify')}</span>
        </label>
        <label className="switch">
          <input type="checkbox" role="switch" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>{t('watchlists.enabled')}</span>
        </label>
        <label className="field inline">
          <span>{t('watchlists.color')}</span>
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('watchlists.mute')}</span>
        <input value={mute} onChange={(e) => setMute(e.target.value)} placeholder={t('watchlists.mutePlaceholder')} />
      </label>
      <SearchSwitches watchlistId={w?.id ?? null} value={searchSources} onChange={setSearchSources} />
      <fieldset className="field scope">
        <legend>{t('watchlists.scope')}</legend>
        <label className="switch">
          <input type="checkbox" checked={scopeFeeds === null} onChange={(e) => setScopeFeeds(e.target.checked ? null : [])} />
          <span>{t('watchlists.scopeAll')}</span>
        </label>
        {scopeFeeds !== null ? (
          <div className="scope-feeds">
            {feeds.data?.length ? null : <p>{t('watchlists.scopeNoFeeds')}</p>}
            {folders.length ? (
              <div className="scope-folders" role="group" aria-label={t('watchlists.scopeFolders')}>
                <p className="hint">{t('watchlists.scopeFoldersHint')}</p>
                {folders.map((path) => (
                  <label key={JSON.stringify(path)} className="switch" style={{ paddingInlineStart: `${(path.length - 1) * 1.25}em` }}>
                    <input
                      type="checkbox"
                      checked={scopeFolders.some((p) => samePath(p, path))}
                      onChange={(e) =>
                        setScopeFolders(e.target.checked ? [...scopeFolders, path] : scopeFolders.filter((p) => !samePath(p, path)))
                      }
                    />
                    <span>📁 {path.join(' / ')}</span>
                  </label>
                ))}
              </div>
            ) : null}
            {feeds.data?.map((f) => (
              <label key={f.id} className="switch">
                <input
                  type="checkbox"
                  checked={scopeFeeds.includes(f.id)}
                  onChange={(e) => setScopeFeeds(e.target.checked ? [...scopeFeeds, f.id] : scopeFeeds.filter((id) => id !== f.id))}
                />
                <span>{f.displayTitle}</span>
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>
      <ErrorNote error={error} />
      <div className="editor-actions">
        <button type="submit" className="primary" disabled={saving || !!queryError || query.trim() === ''}>
          {t('common.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        {w ? (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            {t('common.delete')}
          </button>
        ) : null}
      </div>
      {confirmDelete ? (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete-title">
          <p id="confirm-delete-title">{t('watchlists.deleteAsk', { name: w?.name ?? '' })}</p>
          <button type="button" onClick={() => void remove('keep')}>
            {t('watchlists.deleteKeep')}
          </button>
          <button type="button" className="danger" onClick={() => void remove('delete')}>
            {t('watchlists.deleteAll')}
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      <section className="preview" aria-labelledby="preview-title" aria-live="polite">
        <h3 id="preview-title">{t('watchlists.preview')}</h3>
        {preview?.ok ? (
          <>
            <p className="preview-count">{t('watchlists.previewCount', { n: preview.count })}</p>
            <ul className="result-list">
              {preview.items.map((item) => (
                <ResultRow key={item.id} item={item} />
              ))}
            </ul>
          </>
        ) : (
          <p className="hint">{query.trim() ? '' : t('watchlists.previewHint')}</p>
        )}
      </section>
    </form>
  );
}
