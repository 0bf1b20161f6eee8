/**
 * Optimistic writes: a click changes the row at once and the engine is told after; if the engine
 * refuses, the row goes back to what it was and the error is shown.
 */
import { useCallback, useMemo } from 'react';
import { apiErrorOf, call } from '../../lib/api';
import type { InboxPages } from './useInboxPages';
import type { Story } from './types';

export interface StoryActions {
  toggleRead: (story: Story) => void;
  toggleStar: (story: Story) => void;
  toggleMute: (story: Story) => void;
  /** Opening marks the story read. */
  markOpened: (story: Story) => void;
}

export function useStoryActions(paging: Pick<InboxPages, 'setPages' | 'setUnreadTotal' | 'setError'>): StoryActions {
  const { setPages, setUnreadTotal, setError } = paging;

  const patchStory = useCallback(
    (storyId: number, patch: Partial<Story>) => {
      setPages((old) => {
        const next = new Map(old);
        for (const [key, list] of next) {
          if (list.some((s) => s.storyId === storyId))
            next.set(
              key,
              list.map((s) => (s.storyId === storyId ? { ...s, ...patch } : s)),
            );
        }
        return next;
      });
    },
    [setPages],
  );

  const act = useCallback(
    async (action: Promise<unknown>, undo: () => void) => {
      try {
        await action;
      } catch (failure) {
        undo();
        setError(apiErrorOf(failure));
      }
    },
    [setError],
  );

  const toggleRead = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { unread: !story.unread });
      setUnreadTotal((n) => n + (story.unread ? -1 : 1));
      void act(call('alerts.setRead', { storyIds: [story.storyId], read: story.unread }), () =>
        patchStory(story.storyId, { unread: story.unread }),
      );
    },
    [act, patchStory, setUnreadTotal],
  );
  const toggleStar = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { starred: !story.starred });
      void act(call('alerts.setStarred', { storyId: story.storyId, starred: !story.starred }), () =>
        patchStory(story.storyId, { starred: story.starred }),
      );
    },
    [act, patchStory],
  );
  const toggleMute = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { muted: !story.muted });
      void act(call('alerts.muteStory', { storyId: story.storyId, muted: !story.muted }), () =>
        patchStory(story.storyId, { muted: story.muted }),
      );
    },
    [act, patchStory],
  );
  const markOpened = useCallback(
    (story: Story) => {
      if (!story.unread) return;
      patchStory(story.storyId, { unread: false });
      setUnreadTotal((n) => Math.max(0, n - 1));
    },
    [patchStory, setUnreadTotal],
  );

  return useMemo(() => ({ toggleRead, toggleStar, toggleMute, markOpened }), [toggleRead, toggleStar, toggleMute, markOpened]);
}
