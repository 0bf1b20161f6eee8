/**
 * News search (issue 12) as the views show it: a source's health in words (the Watchlists editor
 * and the Feeds view), the list of every watchlist's sources with the Naver quota (Feeds), and the
 * Naver key form (Settings). A failing source always says why: never a silent stop.
 */
import { useState } from 'react';
import { SEARCH_ENGINES, type SearchEngineKind } from '../../../shared/types';
import { useApp } from '../app-context';
import { useI18n } from '../i18n';
import { apiErrorOf, call, useApi, useEngineEvents, type ApiError, type ApiResult } from '../lib/api';
import { absoluteTime } from '../lib/time';
import { ErrorNote } from './common';

export type SearchSource = ApiResult<'newsSearch.sources'>[number];

export function useSearchSources() {
  const sources = useApi('newsSearch.sources', {}, []);
  const status = useApi('newsSearch.status', {}, []);
  useEngineEvents(['searchSources.changed', 'watchlists.changed'], () => {
    sources.reload();
    status.reload();
  });
  return { sources, status };
}

export function engineName(t: ReturnType<typeof useI18n>['t'], engine: SearchEngineKind): string {
  return t(engine === 'google' ? 'newsSearch.engine.google' : 'newsSearch.engine.naver');
}

/** One source's health: failing (with the reason in words), fine (when it last searched), or waiting. */
export function SearchSourceHealth({ source }: { source: SearchSource }) {
  const { t, say, locale } = useI18n();
  const { timeZone } = useApp();
  const time = (at: number) => absoluteTime(at, locale, timeZone);
  const failing = source.lastError !== null;
  return (
    <span className={`search-health ${failing ? 'error' : 'ok'}`} data-engine={source.engine} role={failing ? 'alert' : undefined}>
      {failing
        ? t('newsSearch.failing', { n: source.consecutiveFailures, error: say(source.lastError!) })
        : source.lastSuccessAt !== null
          ? `${t('newsSearch.ok', { time: time(source.lastSuccessAt) })} · ${t('newsSearch.found', { n: source.lastFound })}`
          : t('newsSearch.waiting')}
      {source.enabled && source.nextDueAt > 0 ? (
        <span className="hint"> · {t('newsSearch.next', { time: time(source.nextDueAt) })}</span>
      ) : null}
    </span>
  );
}

/** The Feeds view's card: every watchlist's search sources with their health, and today's Naver calls. */
export function SearchSourcesCard() {
  const { t } = useI18n();
  const { sources, status } = useSearchSources();
  return (
    <section className="card" aria-labelledby="search-sources-title">
      <h2 id="search-sources-title">{t('newsSearch.title')}</h2>
      {status.data ? (
        <p className="hint">{t('newsSearch.quota', { used: status.data.naverQuota.used, limit: status.data.naverQuota.limit })}</p>
      ) : null}
      {sources.data && sources.data.length === 0 ? <p className="hint">{t('newsSearch.none')}</p> : null}
      <ul className="search-sources" aria-label={t('newsSearch.title')}>
        {sources.data?.map((source) => (
          <li key={`${source.watchlistId}-${source.engine}`} data-search-source={`${source.watchlistId}-${source.engine}`}>
            <strong>{t('newsSearch.source', { watchlist: source.watchlistName, engine: engineName(t, source.engine) })}</strong>
            {!source.enabled ? <span className="badge">{t('newsSearch.off')}</span> : null} <SearchSourceHealth source={source} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The editor's switches, one per engine, each with its source's health once the watchlist has one. */
export function SearchSwitches(props: {
  watchlistId: number | null;
  value: SearchEngineKind[];
  onChange: (next: SearchEngineKind[]) => void;
}) {
  const { t, say } = useI18n();
  const { sources, status } = useSearchSources();
  const mine = (engine: SearchEngineKind) => sources.data?.find((s) => s.watchlistId === props.watchlistId && s.engine === engine);
  return (
    <fieldset className="field news-search">
      <legend>{t('newsSearch.title')}</legend>
      <p className="hint">{t('newsSearch.hint')}</p>
      {SEARCH_ENGINES.map((engine) => {
        const source = mine(engine);
        const on = props.value.includes(engine);
        return (
          <div key={engine} className="news-search-engine">
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                data-search-engine={engine}
                checked={on}
                onChange={(e) =>
                  props.onChange(
                    e.target.checked
                      ? SEARCH_ENGINES.filter((x) => x === engine || props.value.includes(x))
                      : props.value.filter((x) => x !== engine),
                  )
                }
              />
              <span>{t('newsSearch.switch', { engine: engineName(t, engine) })}</span>
            </label>
            {on && source ? <SearchSourceHealth source={source} /> : null}
            {on && !source && engine === 'naver' && status.data?.naverKeys === 'missing' ? (
              <span className="search-health error" role="alert">
                {say({ key: 'search.key_missing' })}
              </span>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Settings: the Naver Client ID and Secret (kept by the desktop shell in the OS keychain), never shown back. */
export function NaverKeysCard() {
  const { t } = useI18n();
  const { status } = useSearchSources();
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (keys: { clientId: string; clientSecret: string } | null) => {
    setError(undefined);
    try {
      await call('newsSearch.setNaverKeys', { keys });
      setClientId('');
      setClientSecret('');
    } catch (failure) {
      setError(apiErrorOf(failure));
    } finally {
      status.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="naver-keys-title">
      <h2 id="naver-keys-title">{t('settings.naver')}</h2>
      <p className="hint">{t('settings.naverHint')}</p>
      <p role="status" data-naver-keys={status.data?.naverKeys ?? ''}>
        {status.data ? t(status.data.naverKeys === 'set' ? 'settings.naverSet' : 'settings.naverMissing') : ''}
      </p>
      <form
        className="naver-keys"
        onSubmit={(e) => {
          e.preventDefault();
          void submit({ clientId: clientId.trim(), clientSecret: clientSecret.trim() });
        }}
      >
        <label className="field">
          <span>{t('settings.naverClientId')}</span>
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} required />
        </label>
        <label className="field">
          <span>{t('settings.naverClientSecret')}</span>
          <input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" className="primary">
          {t('settings.naverSave')}
        </button>
        {status.data?.naverKeys === 'set' ? (
          <button type="button" onClick={() => void submit(null)}>
            {t('settings.naverForget')}
          </button>
        ) : null}
      </form>
      <ErrorNote error={error} />
    </section>
  );
}
