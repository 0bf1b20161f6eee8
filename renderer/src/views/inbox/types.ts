/** What the inbox pages through: one story a row, fetched in pages of PAGE. */
import type { ApiResult } from '../../lib/api';

export type Story = ApiResult<'alerts.list'>['stories'][number];

/** Fixed row height: the virtualizer and the scroll anchoring both count in rows of this size. */
export const ROW_HEIGHT = 112;
export const PAGE = 100;

/** Pages of stories by page number; a missing page is not loaded yet. */
export type Pages = Map<number, Story[]>;

export function storyIn(pages: Pages, index: number): Story | undefined {
  return pages.get(Math.floor(index / PAGE))?.[index % PAGE];
}

export function indexOfStory(pages: Pages, storyId: number | null): number {
  if (storyId === null) return -1;
  for (const [page, list] of pages) {
    const i = list.findIndex((s) => s.storyId === storyId);
    if (i >= 0) return page * PAGE + i;
  }
  return -1;
}

/** Split `stories` starting at page `first` into pages. */
export function toPages(first: number, stories: readonly Story[]): Pages {
  const pages: Pages = new Map();
  for (let i = 0; i * PAGE < stories.length; i++) pages.set(first + i, stories.slice(i * PAGE, (i + 1) * PAGE));
  return pages;
}
