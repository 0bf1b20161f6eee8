/**
 * What the shell does with the engine's events (the one subscription channel): the engine decides
 * (a link may open, a setting changed, alerts were read) and announces it; the shell carries it
 * out in the main process. No method names, no casting of call results.
 */
import type { EngineEvent } from '../../shared/api';

export interface ShellReactions {
  /** Opens an approved http(s) link in the system browser (the shell's own URL policy applies again). */
  openInBrowser: (url: string) => void;
  applyStartAtLogin: (enabled: boolean) => void;
  /** The unread count or the pause state may have changed. */
  refreshTray: () => void;
  /** Pushes the event to the window (the renderer's subscription). */
  forward: (event: EngineEvent) => void;
}

export function reactToEngineEvent(event: EngineEvent, act: ShellReactions): void {
  switch (event.name) {
    case 'links.open':
      // For the shell only: the page asked for it and has nothing to do with the answer.
      act.openInBrowser(event.payload.url);
      return;
    case 'settings.changed':
      if (event.payload.changed.includes('startAtLogin')) act.applyStartAtLogin(event.payload.settings.startAtLogin);
      act.refreshTray();
      break;
    case 'alerts.new':
    case 'alerts.changed':
      act.refreshTray();
      break;
  }
  act.forward(event);
}
