// @vitest-environment jsdom
/**
 * Remote images in the article view (issue 13, privacy) against the real engine: none loads when
 * an article opens (tracking pixels, LAN addresses); "load images" loads them for this article
 * only; the setting loads them everywhere; an image on the user's own network never loads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../renderer/src/i18n';
import { AppContext, type AppContextValue } from '../../renderer/src/app-context';
import { ArticleView } from '../../renderer/src/views/ArticleView';
import { startRealBridge, type RealBridge } from './real-bridge';
import { makeItem } from '../helpers/items';
import { engineInternals } from '../../main/engine/internals';

let real: RealBridge;
let ids: number[] = [];

const HTML =
  '<p>카카오브레인 대표가 사임했다.</p><img src="https://img.news.example.kr/photo.jpg" alt="사진">' +
  '<img src="https://t.tracker.example/p.gif?reader=1" width="1" height="1"><img src="http://192.168.0.1/admin.png" alt="공유기">';

beforeEach(() => {
  real = startRealBridge();
  const internals = engineInternals(real.engine);
  const feed = internals.feeds.add({ url: 'https://news.example.kr/rss', folder: [] }, Date.now());
  internals.articles.storeFeedItems(
    { id: feed.id, title: '테스트 언론' },
    [
      makeItem({
        identity: 'a',
        title: '카카오브레인 대표 사임',
        text: '카카오브레인 대표가 사임했다.',
        rawHtml: HTML,
        publishedAt: Date.now() - 60_000,
      }),
      makeItem({
        identity: 'b',
        title: '네이버 신작',
        text: '네이버 신작',
        rawHtml: '<p>네이버 신작</p><img src="https://img.news.example.kr/b.jpg">',
        publishedAt: Date.now() - 120_000,
      }),
    ],
    Date.now(),
  );
  ids = internals.db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
});
afterEach(async () => {
  cleanup();
  await real.close();
});

function renderArticle(articleId: number, remoteImages: boolean) {
  const settings = { ...real.engine.settings.all(), remoteImages };
  const context: AppContextValue = {
    settings,
    timeZone: settings.timeZone,
    updateSettings: () => Promise.resolve(),
    view: 'inbox',
    navigate: () => undefined,
    openArticle: () => undefined,
    inboxFilter: { filter: 'all' },
    setInboxFilter: () => undefined,
    articleOpen: true,
  };
  const view = (id: number) => (
    <I18nProvider locale="ko">
      <AppContext.Provider value={context}>
        <ArticleView articleId={id} onClose={() => undefined} />
      </AppContext.Provider>
    </I18nProvider>
  );
  const rendered = render(view(articleId));
  return { ...rendered, show: (id: number) => rendered.rerender(view(id)) };
}

const sources = (container: HTMLElement) => [...container.querySelectorAll('.article-body img')].map((img) => img.getAttribute('src'));

describe('remote images in the article view', () => {
  it('are off by default; "load images" loads them for this article only, never from the LAN', async () => {
    expect(ids).toHaveLength(2);
    const [first, second] = ids as [number, number];
    const { container, show } = renderArticle(first, false);
    await screen.findByText('카카오브레인 대표 사임', { selector: 'h1 *, h1' });
    expect(sources(container)).toEqual([null, null, null]);
    expect(screen.getByTestId('images-blocked').textContent).toMatch(/^이미지 2개를 불러오지 않았습니다/);

    fireEvent.click(screen.getByRole('button', { name: '이미지 불러오기' }));
    await waitFor(() =>
      expect(sources(container)).toEqual(['https://img.news.example.kr/photo.jpg', 'https://t.tracker.example/p.gif?reader=1', null]),
    );
    expect(screen.queryByTestId('images-blocked')).toBeNull();

    // The next article starts blocked again.
    show(second);
    await screen.findByText('네이버 신작', { selector: 'h1 *, h1' });
    await waitFor(() => expect(sources(container)).toEqual([null]));
    expect(screen.getByTestId('images-blocked')).toBeTruthy();
  });

  it('load at once with the setting on (still never from the LAN)', async () => {
    const [first] = ids as [number];
    const { container } = renderArticle(first, true);
    await screen.findByText('카카오브레인 대표 사임', { selector: 'h1 *, h1' });
    expect(sources(container)).toEqual(['https://img.news.example.kr/photo.jpg', 'https://t.tracker.example/p.gif?reader=1', null]);
    expect(screen.queryByTestId('images-blocked')).toBeNull();
  });

  it('the setting is off for a new user and can be turned on', () => {
    expect(real.engine.settings.all().remoteImages).toBe(false);
    expect(real.engine.settings.update({ remoteImages: true }).remoteImages).toBe(true);
  });
});
