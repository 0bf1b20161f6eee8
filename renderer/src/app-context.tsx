/** What every view may need from the shell: settings, navigation, opening an article. */
import { createContext, useContext } from 'react';
import type { ApiResult } from './lib/api';

export type ViewName = 'inbox' | 'watchlists' | 'feeds' | 'search' | 'trends' | 'settings';

export interface InboxFilter {
  filter: 'unread' | 'starred' | 'all';
  watchlistId?: number;
  day?: string;
}

export interface AppContextValue {
  settings: ApiResult<'settings.get'>;
  timeZone: string;
  updateSettings: (patch: Partial<ApiResult<'settings.get'>>) => Promise<void>;
  view: ViewName;
  navigate: (view: ViewName) => void;
  openArticle: (articleId: number) => void;
  inboxFilter: InboxFilter;
  setInboxFilter: (filter: InboxFilter) => void;
  /** The article layer is open: views under it ignore their keyboard shortcuts. */
  articleOpen: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

/** Keyboard shortcuts are for the page, not for someone typing in a field. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
