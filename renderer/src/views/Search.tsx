/** Full-text search over every stored article (search.query), highlighted with the engine's spans. */
import { useEffect, useRef, useState } from 'react';
import { apiErrorOf, call, type ApiError, type ApiResult } from '../lib/api';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { EmptyState, ErrorNote, Highlighted, TimeAgo } from '../components/common';

type Result = ApiResult<'search.query'>;

export function Search({ active, focusToken }: { active: boolean; focusToken: number }) {
  const { t } = useI18n();
  const { openArticle } = useApp();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'relevance' | 'date'>('relevance');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError>();
  const [searching, setSearching] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (active) inputRef.current?.focus();
  }, [active, focusToken]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setSearching(true);
      call('search.query', { query: q, sort, limit: 50 }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(undefined);
          setSearching(false);
        },
        (failure: unknown) => {
          if (!live) return;
          setError(apiErrorOf(failure));
          setSearching(false);
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, sort]);

  const more = async () => {
    if (!result) return;
    try {
      const next = await call('search.query', { query: query.trim(), sort, offset: result.items.length, limit: 50 });
      setResult({ total: next.total, items: [...result.items, ...next.items] });
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  return (
    <section className="view search" aria-labelledby="search-title">
      <header className="view-header">
        <h1 id="search-title">{t('search.title')}</h1>
      </header>
      <form className="search-bar" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={inputRef}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
        />
        <select aria-label={t('search.sort')} value={sort} onChange={(e) => setSort(e.target.value as 'relevance' | 'date')}>
          <option value="relevance">{t('search.sortRelevance')}</option>
          <option value="date">{t('search.sortDate')}</option>
        </select>
      </form>
      <ErrorNote error={error} />
      <p className="count" aria-live="polite">
        {searching ? t('search.searching') : result ? t('search.count', { n: result.total }) : ''}
      </p>
      {!query.trim() ? (
        <EmptyState title={t('search.emptyTitle')}>
          <p>{t('search.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {result && result.total === 0 && !searching ? <EmptyState title={t('search.none', { q: query.trim() })} /> : null}
      <ul className="result-list" aria-label={t('search.results')}>
        {result?.items.map((item) => (
          <li key={item.id} className="result">
            <div className="story-meta">
              <span className="source">{item.sourceTitle}</span>
              <TimeAgo at={item.sortAt} />
            </div>
            <button type="button" className="story-title" onClick={() => openArticle(item.id)}>
              <Highlighted text={item.title} spans={item.spans} field="title" />
            </button>
            <p className="snippet">
              <Highlighted text={item.snippet} spans={item.spans} field="text" />
            </p>
          </li>
        ))}
      </ul>
      {result && result.items.length < result.total ? (
        <button type="button" onClick={() => void more()}>
          {t('search.more')}
        </button>
      ) : null}
    </section>
  );
}
