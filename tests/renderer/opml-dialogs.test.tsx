// @vitest-environment jsdom
/**
 * OPML in the Feeds view (issue 13): in the desktop app the shell answers feeds.importOpmlFile /
 * feeds.exportOpmlFile with the native dialogs (the window cannot download; boot test:
 * tests/electron/boot/real-desk.test.ts); elsewhere the engine's table answers `handled: false`
 * and the page uses the browser's file input and download. Against the real engine; for the
 * desktop case the two shell methods are answered as the shell does, in front of the real table.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../renderer/src/i18n';
import { AppContext, type AppContextValue } from '../../renderer/src/app-context';
import { Feeds } from '../../renderer/src/views/Feeds';
import type { NunchiBridge } from '../../shared/api';
import { startRealBridge, type RealBridge } from './real-bridge';

let real: RealBridge;
beforeEach(() => {
  real = startRealBridge();
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await real.close();
});

function renderFeeds() {
  const settings = real.engine.settings.all();
  const context: AppContextValue = {
    settings,
    timeZone: settings.timeZone,
    updateSettings: () => Promise.resolve(),
    view: 'feeds',
    navigate: () => undefined,
    openArticle: () => undefined,
    inboxFilter: { filter: 'all' },
    setInboxFilter: () => undefined,
    articleOpen: false,
  };
  return render(
    <I18nProvider locale="ko">
      <AppContext.Provider value={context}>
        <Feeds />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

describe('OPML in the Feeds view', () => {
  it('outside the desktop app: import opens the browser’s file input', async () => {
    const clicks = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    renderFeeds();
    fireEvent.click(await screen.findByRole('button', { name: 'OPML 가져오기' }));
    await vi.waitFor(() => expect(clicks).toHaveBeenCalledTimes(1));
  });

  it('in the desktop app: the shell’s dialogs; the page shows where it saved and what it imported, and never clicks a download', async () => {
    const realCall = real.bridge.call.bind(real.bridge);
    const asked: string[] = [];
    const desktop: NunchiBridge = {
      ...real.bridge,
      call: (async (method: string, params: unknown) => {
        asked.push(method);
        if (method === 'feeds.exportOpmlFile') return { handled: true, path: '/home/me/nunchi-feeds.opml' };
        if (method === 'feeds.importOpmlFile') {
          const text = '<opml version="2.0"><body><outline type="rss" text="A" xmlUrl="https://news.example.kr/rss"/></body></opml>';
          return { handled: true, path: '/home/me/a.opml', imported: await realCall('feeds.importOpml', { text }) };
        }
        return realCall(method as never, params as never);
      }) as NunchiBridge['call'],
    };
    window.nunchi = desktop;
    const inputClicks = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const anchorClicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderFeeds();
    fireEvent.click(await screen.findByRole('button', { name: 'OPML 내보내기' }));
    expect(await screen.findByText('저장했습니다: /home/me/nunchi-feeds.opml')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'OPML 가져오기' }));
    expect(await screen.findByText('1개 추가, 0개는 이미 있어 건너뜀')).toBeTruthy();
    expect(asked).toEqual(expect.arrayContaining(['feeds.exportOpmlFile', 'feeds.importOpmlFile']));
    expect(asked).not.toContain('feeds.exportOpml');
    expect(inputClicks).not.toHaveBeenCalled();
    expect(anchorClicks).not.toHaveBeenCalled();
    expect(real.engine.feeds.list().map((f) => f.url)).toEqual(['https://news.example.kr/rss']);
  });
});
