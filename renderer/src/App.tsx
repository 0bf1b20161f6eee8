/**
 * The shell of the window: navigation, settings (language, theme), the article layer, global keys.
 * The inbox stays mounted (only hidden) while other views or an article are shown, so coming back
 * finds the same scroll position and selection.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { apiErrorOf, call, useEngineEvents, type ApiError, type ApiResult } from './lib/api';
import { I18nProvider, translator, type Locale, type MessageKey } from './i18n';
import { AppContext, isTyping, type AppContextValue, type InboxFilter, type ViewName } from './app-context';
import { ErrorNote } from './components/common';
import { MonitorBanner } from './components/MonitorBanner';
import { Inbox } from './views/Inbox';
import { ArticleView } from './views/ArticleView';
import { Watchlists } from './views/Watchlists';
import { Feeds } from './views/Feeds';
import { Search } from './views/Search';
import { Trends } from './views/Trends';
import { Settings } from './views/Settings';

type AppSettings = ApiResult<'settings.get'>;

const VIEWS: Array<{ name: ViewName; label: MessageKey; icon: string }> = [
  { name: 'inbox', label: 'nav.inbox', icon: '▣' },
  { name: 'watchlists', label: 'nav.watchlists', icon: '◎' },
  { name: 'feeds', label: 'nav.feeds', icon: '≋' },
  { name: 'search', label: 'nav.search', icon: '⌕' },
  { name: 'trends', label: 'nav.trends', icon: '▲' },
  { name: 'settings', label: 'nav.settings', icon: '☰' },
];

function useSystemDark(): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(query);
    if (!media) return;
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark;
}

export function App() {
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [bootError, setBootError] = useState<ApiError>();
  useEffect(() => {
    if (!window.nunchi) {
      setBootError({ code: 'app.no_bridge', message: { key: 'app.no_bridge' } });
      return;
    }
    call('settings.get', {}).then(setSettings, (e: unknown) => setBootError(apiErrorOf(e)));
  }, []);
  const systemDark = useSystemDark();
  const theme = settings?.theme === 'system' || !settings ? (systemDark ? 'dark' : 'light') : settings.theme;
  const locale: Locale = settings?.locale ?? (navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en');
  // A layout effect: it runs before any view's effects in the same commit, so a view that reads
  // the theme's colours (the Trends chart draws on a canvas with them) reads the new theme's.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = locale;
    document.title = translator(locale)('app.title');
  }, [theme, locale]);

  if (!settings) {
    return (
      <I18nProvider locale={locale}>
        <div className="boot">
          {bootError ? <ErrorNote error={bootError} /> : <p role="status">{translator(locale)('common.loading')}</p>}
        </div>
      </I18nProvider>
    );
  }
  return (
    <I18nProvider locale={settings.locale}>
      <Shell settings={settings} setSettings={setSettings} theme={theme} />
    </I18nProvider>
  );
}

function Shell({ settings, setSettings, theme }: { settings: AppSettings; setSettings: (s: AppSettings) => void; theme: string }) {
  const t = useMemo(() => translator(settings.locale), [settings.locale]);
  const [view, setView] = useState<ViewName>('inbox');
  const [article, setArticle] = useState<number | null>(null);
  const [inboxFilter, setInboxFilter] = useState<InboxFilter>({ filter: 'all' });
  const [searchFocus, setSearchFocus] = useState(0);
  const [announce, setAnnounce] = useState('');

  const navigate = useCallback((next: ViewName) => {
    setArticle(null);
    setView(next);
  }, []);
  const updateSettings = useCallback(
    async (patch: Partial<AppSettings>) => {
      setSettings(await call('settings.set', patch));
    },
    [setSettings],
  );
  const closeArticle = useCallback(() => {
    setArticle(null);
    // Back to where the user was: the selected row, else the view's heading.
    requestAnimationFrame(() => {
      const selected = document.querySelector<HTMLElement>('.view-layer.active .story.selected');
      (selected ?? document.querySelector<HTMLElement>('.view-layer.active h1'))?.focus?.();
    });
  }, []);

  useEngineEvents(['alerts.new', 'navigate.article'], (event) => {
    if (event.name === 'alerts.new') setAnnounce(t('app.newAlerts', { n: event.payload.count }));
    else if (event.name === 'navigate.article') {
      setView('inbox');
      setArticle(event.payload.articleId);
    }
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        if (article !== null) {
          event.preventDefault();
          closeArticle();
        } else if (isTyping(event)) {
          (event.target as HTMLElement).blur();
        } else if (view !== 'inbox') {
          navigate('inbox');
        }
        return;
      }
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        navigate('search');
        setSearchFocus((n) => n + 1);
      } else if (/^[1-6]$/.test(event.key)) {
        navigate(VIEWS[Number(event.key) - 1]!.name);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [article, view, navigate, closeArticle]);

  const context: AppContextValue = {
    settings,
    timeZone: settings.timeZone,
    updateSettings,
    view,
    navigate,
    openArticle: setArticle,
    inboxFilter,
    setInboxFilter,
    articleOpen: article !== null,
  };

  return (
    <AppContext.Provider value={context}>
      <div className="app">
        <a
          className="skip-link"
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            document.querySelector<HTMLElement>('.view-layer.active h1')?.focus();
          }}
        >
          {t('app.skip')}
        </a>
        <nav className="sidebar" aria-label={t('nav.label')}>
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              {t('app.brandMark')}
            </span>
            <span>{t('app.name')}</span>
          </div>
          <ul>
            {VIEWS.map((v, i) => (
              <li key={v.name}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={view === v.name ? 'page' : undefined}
                  onClick={() => navigate(v.name)}
                  title={`${t(v.label)} (${i + 1})`}
                  data-view={v.name}
                >
                  <span aria-hidden="true" className="nav-icon">
                    {v.icon}
                  </span>
                  {t(v.label)}
                </button>
              </li>
            ))}
          </ul>
          <p className="shortcuts" aria-hidden="true">
            {t('app.shortcuts')}
          </p>
        </nav>
        <main id="main" className="main">
          <MonitorBanner />
          <p className="sr-only" role="status" aria-live="polite">
            {announce}
          </p>
          <div
            className={`view-layer ${view === 'inbox' && article === null ? 'active' : 'inactive'}`}
            inert={view !== 'inbox' || article !== null}
          >
            <Inbox active={view === 'inbox' && article === null} />
          </div>
          {view !== 'inbox' ? (
            <div className={`view-layer ${article === null ? 'active' : 'inactive'}`} inert={article !== null}>
              {view === 'watchlists' ? <Watchlists /> : null}
              {view === 'feeds' ? <Feeds /> : null}
              {view === 'search' ? <Search active={article === null} focusToken={searchFocus} /> : null}
              {view === 'trends' ? <Trends themeKey={theme} /> : null}
              {view === 'settings' ? <Settings /> : null}
            </div>
          ) : null}
          {article !== null ? (
            <div className="view-layer active article-layer">
              <ArticleView articleId={article} onClose={closeArticle} />
            </div>
          ) : null}
        </main>
      </div>
    </AppContext.Provider>
  );
}
