/**
 * One article: sanitized HTML (DOMPurify, on top of the engine's sanitizer) with the engine's
 * text spans highlighted inside it (see lib/highlight.ts for how spans find their text nodes),
 * the watchlists it matched, the other outlets of the story, and "open original" through the API
 * (the engine opens only http/https in the system browser).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MatchSpan } from '../../../shared/types';
import { apiErrorOf, call, useApi, useEngineEvents, type ApiError } from '../lib/api';
import { highlightHtml } from '../lib/highlight';
import { blockedImageCount, sanitizeToFragment } from '../lib/sanitize';
import { absoluteTime } from '../lib/time';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { Chips, ErrorNote, Highlighted, Loading } from '../components/common';

export function ArticleView({ articleId, onClose }: { articleId: number; onClose: () => void }) {
  const { t, say, locale } = useI18n();
  const { timeZone, openArticle, settings } = useApp();
  const article = useApi('articles.get', { id: articleId }, [articleId]);
  const [starred, setStarred] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const bodyRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const data = article.data;
  // The article's own page (full-text monitoring) when it was extracted, unless the user switched to the feed's text.
  const [showFeed, setShowFeed] = useState(false);
  // Remote images: the setting, or "load images" for this article only (forgotten on the next one).
  const [imagesHere, setImagesHere] = useState(false);
  const [blockedImages, setBlockedImages] = useState(0);
  const remoteImages = settings.remoteImages || imagesHere;
  useEffect(() => setImagesHere(false), [articleId]);
  const page = data?.page ?? null;
  const showingPage = page?.state === 'extracted' && page.html !== null && !showFeed;
  // The page is being fetched (opening an old article asks for it): show it when it arrives.
  useEngineEvents(['articles.page'], (event) => {
    if (event.name === 'articles.page' && event.payload.articleId === articleId) article.reload();
  });

  useEffect(() => {
    if (!data) return;
    setStarred(data.starred);
    setNotice(undefined);
    if (data.unread) call('alerts.setRead', { storyIds: [data.storyId], read: true }).catch((e: unknown) => setError(apiErrorOf(e)));
    headingRef.current?.focus();
  }, [data]);

  const spans: MatchSpan[] = data ? data.matches.flatMap((m) => m.spans) : [];

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !data) return;
    if (showingPage) {
      // Sanitized by the engine exactly like feed HTML, and again here; 'body' spans point into the page's text.
      const fragment = sanitizeToFragment(page.html ?? '', { remoteImages });
      setBlockedImages(blockedImageCount(fragment));
      highlightHtml(
        fragment,
        page.text ?? '',
        spans.filter((s) => s.field === 'body').map((s) => ({ ...s, field: 'text' as const })),
      );
      body.replaceChildren(fragment);
      return;
    }
    const fragment = sanitizeToFragment(data.html, { remoteImages });
    setBlockedImages(blockedImageCount(fragment));
    highlightHtml(fragment, data.text, spans);
    body.replaceChildren(fragment);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- spans come from data and are a new array every render
  }, [data, showingPage, remoteImages]);

  const openOriginal = async () => {
    setNotice(undefined);
    try {
      const result = await call('articles.openOriginal', { id: articleId });
      setNotice(result.ok ? t('article.opened') : t('article.openRefused'));
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };
  const toggleStar = async () => {
    if (!data) return;
    setStarred(!starred);
    try {
      await call('alerts.setStarred', { storyId: data.storyId, starred: !starred });
    } catch (failure) {
      setStarred(starred);
      setError(apiErrorOf(failure));
    }
  };

  // Links inside feed HTML never navigate the app window: a click asks the engine to open the
  // link in the system browser, which it does for http(s) only (the sanitizer kept nothing else).
  const onBodyClick = (event: React.MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link) return;
    event.preventDefault();
    const url = link.getAttribute('href');
    if (!url) return;
    setNotice(undefined);
    call('links.openExternal', { url })
      .then((result) => setNotice(result.ok ? t('article.linkOpened', { url: result.url }) : t('article.linkRefused', { url })))
      .catch((failure: unknown) => setError(apiErrorOf(failure)));
  };

  return (
    <article className="article" aria-labelledby="article-title">
      <div className="article-bar">
        <button type="button" onClick={onClose} aria-label={t('article.backLabel')}>
          ← {t('article.back')}
        </button>
        {data ? (
          <>
            <button type="button" aria-pressed={starred} onClick={() => void toggleStar()}>
              {starred ? `★ ${t('inbox.unstar')}` : `☆ ${t('inbox.star')}`}
            </button>
            <button type="button" className="primary" onClick={() => void openOriginal()}>
              {t('article.openOriginal')}
            </button>
          </>
        ) : null}
      </div>
      <ErrorNote error={article.error ?? error} onRetry={article.error ? article.reload : undefined} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!data && article.loading ? <Loading /> : null}
      {data ? (
        <>
          <header className="article-header">
            <h1 id="article-title" ref={headingRef} tabIndex={-1}>
              <Highlighted text={data.title} spans={spans} field="title" />
            </h1>
            <p className="article-meta">
              <span className="source">{data.sourceTitle}</span>
              {data.author ? <span>{data.author}</span> : null}
              <span>
                {t('article.published')}: {data.publishedAt ? absoluteTime(data.publishedAt, locale, timeZone) : t('article.unknown')}
              </span>
              <span>
                {t('article.firstSeen')}: {absoluteTime(data.firstSeenAt, locale, timeZone)}
              </span>
            </p>
            {data.matches.length ? (
              <p className="article-matches">
                <span>{t('article.matched')}</span>{' '}
                <Chips items={data.matches.map((m) => ({ id: m.watchlistId, name: m.name, color: m.color }))} />
              </p>
            ) : null}
          </header>
          {page ? (
            <div className="article-source" role="group" aria-label={t('article.page.switchLabel')}>
              {page.state === 'extracted' ? (
                <>
                  {showingPage ? <p className="hint">{t('article.page.fromOriginal')}</p> : null}
                  <button type="button" aria-pressed={showingPage} onClick={() => setShowFeed(false)}>
                    {t('article.page.showPage')}
                  </button>
                  <button type="button" aria-pressed={!showingPage} onClick={() => setShowFeed(true)}>
                    {t('article.page.showFeed')}
                  </button>
                </>
              ) : page.state === 'failed' && page.reason ? (
                <p className="hint" title={page.detail ?? undefined}>
                  {t('article.page.failed', { reason: say(page.reason) })}
                </p>
              ) : (
                <p className="hint" role="status">
                  {t('article.page.pending')}
                </p>
              )}
            </div>
          ) : null}
          {blockedImages > 0 ? (
            <p className="hint article-images" data-testid="images-blocked">
              {t('article.imagesBlocked', { n: blockedImages })}{' '}
              <button type="button" onClick={() => setImagesHere(true)}>
                {t('article.loadImages')}
              </button>
            </p>
          ) : null}
          <div className="article-body" ref={bodyRef} onClick={onBodyClick} />
          {data.otherOutlets.length ? (
            <section className="other-outlets" aria-labelledby="others-title">
              <h2 id="others-title">{t('article.otherOutlets', { n: data.otherOutlets.length })}</h2>
              <ul>
                {data.otherOutlets.map((o) => (
                  <li key={o.id}>
                    <button type="button" className="link" onClick={() => openArticle(o.id)}>
                      <span className="source">{o.sourceTitle}</span> {o.title}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </article>
  );
}
