/** Full-text search over every stored article (search.query), highlighted with the engine's spans. */
import { useEffect, useRef, useState } from 'react';
import { apiErrorOf, call, useApi, type ApiError } from '../lib/api';
import { useDebounced } from '../lib/use-debounced';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { EmptyState, ErrorNote, ResultRow } from '../components/common';

const PAGE = 50;

export function Search({ active, focusToken }: { active: boolean; focusToken: number }) {
  const { t } = useI18n();
  const { openArticle } = useApp();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'relevance' | 'date'>('relevance');
  const [moreError, setMoreError] = useState<ApiError>();
  const inputRef = useRef<HTMLInputElement>(null);
  const typed = query.trim();
  // Ask once the user pauses typing; an empty box asks nothing.
  const asked = useDebounced(typed, 200);
  const search = useApi('search.query', { query: asked, sort, limit: PAGE }, [asked, sort], { skip: asked === '' });
  const result = typed ? search.data : undefined;
  const searching = asked !== '' && search.loading;

  useEffect(() => {
    if (active) inputRef.current?.focus();
  }, [active, focusToken]);

  const more = async () => {
    if (!result) return;
    try {
      const next = await call('search.query', { query: asked, sort, offset: result.items.length, limit: PAGE });
      search.mutate((old) => ({ total: next.total, items: [...old.items, ...next.items] }));
      setMoreError(undefined);
    } catch (failure) {
      setMoreError(apiErrorOf(failure));
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
      <ErrorNote error={moreError ?? (typed ? search.error : undefined)} />
      <p className="count" aria-live="polite">
        {searching ? t('search.searching') : result ? t('search.count', { n: result.total }) : ''}
      </p>
      {!typed ? (
        <EmptyState title={t('search.emptyTitle')}>
          <p>{t('search.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {result && result.total === 0 && !searching ? <EmptyState title={t('search.none', { q: typed })} /> : null}
      <ul className="result-list" aria-label={t('search.results')}>
        {result?.items.map((item) => (
          <ResultRow key={item.id} item={item} onOpen={openArticle} />
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
