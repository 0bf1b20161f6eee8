/** j/k, o/Enter, m, s: the inbox's keys, only while it is the visible view. */
import { useEffect } from 'react';
import { isTyping } from '../../app-context';
import type { Story } from './types';

export interface InboxKeyTargets {
  active: boolean;
  total: number | null;
  /** Index of the selected story, or -1. */
  selectedIndex: number;
  /** First row in the viewport: where j/k start when nothing is selected. */
  firstIndex: number;
  storyAt: (index: number) => Story | undefined;
  /** Select the row at `index` and bring it into view. */
  moveTo: (index: number) => void;
  open: (story: Story) => void;
  toggleRead: (story: Story) => void;
  toggleStar: (story: Story) => void;
}

export function useInboxKeys(targets: InboxKeyTargets): void {
  const { active, total, selectedIndex, firstIndex, storyAt, moveTo, open, toggleRead, toggleStar } = targets;
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!total) return;
      const current = selectedIndex >= 0 ? selectedIndex : -1;
      const move = (to: number) => moveTo(Math.max(0, Math.min(total - 1, to)));
      const story = current >= 0 ? storyAt(current) : undefined;
      switch (event.key) {
        case 'j':
          move(current < 0 ? firstIndex : current + 1);
          break;
        case 'k':
          move(current < 0 ? firstIndex : current - 1);
          break;
        case 'o':
        case 'Enter':
          if (story) open(story);
          else return;
          break;
        case 'm':
          if (story) toggleRead(story);
          else return;
          break;
        case 's':
          if (story) toggleStar(story);
          else return;
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, total, selectedIndex, firstIndex, storyAt, moveTo, open, toggleRead, toggleStar]);
}
