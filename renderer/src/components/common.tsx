/** Small pieces every view uses: highlighted text, watchlist chips, times, errors, empty states. */
import { useEffect, useState, type ReactNode } from 'react';
import type { MatchSpan } from '../../../shared/types';
import type { ApiError } from '../lib/api';
import { segments } from '../lib/highlight';
import { absoluteTime, relativeTime } from '../lib/time';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';

export function Highlighted({ text, spans, field }: { text: string; spans: readonly MatchSpan[]; field: MatchSpan['field'] }) {
  return (
    <>
      {segments(text, spans, field).map((s, i) =>
        s.hit ? (
          <mark key={i} className="hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function Chips({ items }: { items: ReadonlyArray<{ id: number | null; name: string; color: string }> }) {
  return (
    <span className="chips">
      {items.map((w) => (
        <span key={`${w.id}-${w.name}`} className="chip">
          <span className="chip-dot" style={{ background: w.color }} aria-hidden="true" />
          {w.name}
        </span>
      ))}
    </span>
  );
}

/** Re-renders every 30 s so "3분 전" stays true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function TimeAgo({ at }: { at: number }) {
  const { locale } = useI18n();
  const { timeZone } = useApp();
  const now = useNow();
  const absolute = absoluteTime(at, locale, timeZone);
  return (
    <time dateTime={new Date(at).toISOString()} title={absolute} aria-label={absolute}>
      {relativeTime(at, now, locale)}
    </time>
  );
}

export function ErrorNote({ error, onRetry }: { error: ApiError | string | undefined; onRetry?: () => void }) {
  const { say, t } = useI18n();
  if (!error) return null;
  const words = typeof error === 'string' ? error : say(error.message);
  return (
    <div className="error-note" role="alert">
      <span>{words}</span>
      {typeof error !== 'string' && error.detail ? <small className="detail">{error.detail}</small> : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </div>
  );
}

/** The fields a search result and a watchlist preview share (an article summary with match spans). */
export interface ResultItem {
  id: number;
  title: string;
  snippet: string;
  sourceTitle: string;
  sortAt: number;
  spans: readonly MatchSpan[];
}

/**
 * One article in a result list (Search, the watchlist preview): outlet, time, highlighted title
 * and snippet. With `onOpen` the title is a button that opens the article.
 */
export function ResultRow({ item, onOpen }: { item: ResultItem; onOpen?: (id: number) => void }) {
  const title = <Highlighted text={item.title} spans={item.spans} field="title" />;
  return (
    <li className="result">
      <div className="story-meta">
        <span className="source">{item.sourceTitle}</span>
        <TimeAgo at={item.sortAt} />
      </div>
      {onOpen ? (
        <button type="button" className="story-title" onClick={() => onOpen(item.id)}>
          {title}
        </button>
      ) : (
        <div className="result-title">{title}</div>
      )}
      <p className="snippet">
        <Highlighted text={item.snippet} spans={item.spans} field="text" />
      </p>
    </li>
  );
}
