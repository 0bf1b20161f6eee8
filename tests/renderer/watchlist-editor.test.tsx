// @vitest-environment jsdom
/**
 * The watchlist editor against the real engine (tests/renderer/real-bridge.ts): the parse error
 * appears under the query at its column while typing, the preview lists the stored articles that
 * would match with the engine's highlights, and saving creates the watchlist.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../renderer/src/i18n';
import { AppContext, type AppContextValue } from '../../renderer/src/app-context';
import { WatchlistEditor } from '../../renderer/src/views/Watchlists';
import { startRealBridge, type RealBridge } from './real-bridge';
import { makeItem } from '../helpers/items';
import { engineInternals } from '../../main/engine/internals';

let real: RealBridge;

beforeEach(() => {
  real = startRealBridge();
  const feed = engineInternals(real.engine).feeds.add({ url: 'https://news.example.kr/rss', folder: [] }, Date.now());
  engineInternals(real.engine).articles.storeFeedItems(
    { id: feed.id, title: '테스트 언론' },
    [
      makeItem({
        identity: 'a',
        title: '카카오브레인 대표 퇴사',
        text: '카카오브레인의 대표가 회사를 떠났다.',
        publishedAt: Date.now() - 60_000,
      }),
      makeItem({ identity: 'b', title: '네이버 신작 발표', text: '네이버가 새 서비스를 공개했다.', publishedAt: Date.now() - 120_000 }),
    ],
    Date.now(),
  );
});
afterEach(async () => {
  cleanup();
  await real.close();
});

function renderEditor(saved: unknown[], watchlist: Parameters<typeof WatchlistEditor>[0]['watchlist'] = null) {
  const settings = real.engine.settings.all();
  const context: AppContextValue = {
    settings,
    timeZone: settings.timeZone,
    updateSettings: () => Promise.resolve(),
    view: 'watchlists',
    navigate: () => undefined,
    openArticle: () => undefined,
    inboxFilter: { filter: 'all' },
    setInboxFilter: () => undefined,
    articleOpen: false,
  };
  return render(
    <I18nProvider locale="ko">
      <AppContext.Provider value={context}>
        <WatchlistEditor watchlist={watchlist} onSaved={(w) => saved.push(w)} onDeleted={() => undefined} onCancel={() => undefined} />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

describe('WatchlistEditor', () => {
  it('shows the positioned error while typing, then the preview, then saves', async () => {
    const saved: unknown[] = [];
    const { container } = renderEditor(saved);
    const query = screen.getByLabelText('검색식');
    fireEvent.change(query, { target: { value: '카카오브레인 (퇴사' } });
    const error = await waitFor(() => {
      const found = container.querySelector('.query-error');
      if (!found) throw new Error('no error yet');
      return found;
    });
    expect(error.querySelector('p')!.textContent).toMatch(/\)/);
    // The mark sits where the parser says: at the column it reports (1-based, graphemes).
    const column = Number(error.getAttribute('data-column'));
    const before = error.querySelector('pre')!.firstChild!.textContent!;
    expect(before.length).toBe(column - 1);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '저장' }).disabled).toBe(true);

    fireEvent.change(query, { target: { value: '카카오브레인 (퇴사 OR 사임)' } });
    await waitFor(() => expect(container.querySelector('.query-error')).toBeNull());
    await waitFor(() => expect(container.querySelector('.preview-count')?.textContent).toBe('저장된 기사 1건이 일치합니다.'), {
      timeout: 3000,
    });
    const marks = [...container.querySelectorAll('.preview mark.hit')].map((m) => m.textContent);
    expect(marks).toContain('카카오브레인');
    expect(marks).toContain('퇴사');

    fireEvent.change(screen.getByLabelText('이름'), { target: { value: '카카오브레인 인사' } });
    fireEvent.click(screen.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(real.engine.watchlists.list().map((w) => w.name)).toEqual(['카카오브레인 인사']);
  });

  it('scopes to a folder (and its subfolders), and keeps the folder scope when the watchlist is edited', async () => {
    const itFeed = engineInternals(real.engine).feeds.add({ url: 'https://it.example.kr/rss', folder: ['IT', 'AI'] }, Date.now());
    engineInternals(real.engine).articles.storeFeedItems(
      { id: itFeed.id, title: 'IT 매체' },
      [
        makeItem({
          identity: 'c',
          title: '카카오브레인 새 모델 공개',
          text: '카카오브레인이 모델을 공개했다.',
          publishedAt: Date.now() - 30_000,
        }),
      ],
      Date.now(),
    );
    const saved: Array<Parameters<Parameters<typeof WatchlistEditor>[0]['onSaved']>[0]> = [];
    const { container, unmount } = renderEditor(saved);
    fireEvent.change(screen.getByLabelText('검색식'), { target: { value: '카카오브레인' } });
    await waitFor(() => expect(container.querySelector('.preview-count')?.textContent).toBe('저장된 기사 2건이 일치합니다.'), {
      timeout: 3000,
    });

    fireEvent.click(screen.getByLabelText('모든 피드'));
    const folders = await waitFor(() => screen.getByRole('group', { name: '폴더' }));
    // Every folder a feed sits in, parents included.
    expect([...folders.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['📁 IT', '📁 IT / AI']);
    fireEvent.click(screen.getByLabelText('📁 IT'));
    // The feed in IT / AI is in scope through its parent folder; the other feed is not.
    await waitFor(() => expect(container.querySelector('.preview-count')?.textContent).toBe('저장된 기사 1건이 일치합니다.'), {
      timeout: 3000,
    });
    fireEvent.change(screen.getByLabelText('이름'), { target: { value: 'IT 폴더' } });
    fireEvent.click(screen.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(real.engine.watchlists.list()[0]!.feedScope).toEqual({ feedIds: [], folders: [['IT']] });
    unmount();

    renderEditor(saved, saved[0]);
    expect(screen.getByLabelText<HTMLInputElement>('📁 IT').checked).toBe(true);
    fireEvent.change(screen.getByLabelText('이름'), { target: { value: 'IT 폴더 (수정)' } });
    fireEvent.click(screen.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(real.engine.watchlists.list()[0]).toMatchObject({ name: 'IT 폴더 (수정)', feedScope: { feedIds: [], folders: [['IT']] } });
  });
});
