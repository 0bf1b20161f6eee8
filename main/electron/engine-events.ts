/**
 * What the shell does with the engine's events (the one subscription channel): the engine decides
 * (a link may open, a setting changed, alerts were read) and announces it; the shell carries it
 * out in the main process. No method names, no casting of call results.
 */
import type { EngineEvent } from '../../shared/api';

export interface ShellReactions {
  /** Opens an approved http(s) link in the system browser (the shell's own URL policy applies again). */
  openExternal: (url: string) => void;
  applyStartAtLogin: (enabled: boolean) => void;
  /** The unread count or the pause state may have changed. */
  refreshTray: () => void;
  /** Pushes the event to the window (the renderer's subscription). */
  forward: (event: EngineEvent) => void;
}

export function reactToEngineEvent(event: EngineEvent, shell: ShellReactions): void {
  switch (event.name) {
    case 'links.open':
      // For the shell only: the page asked for it and has nothing to do with the answer.
      shell.openExternal(event.payload.url);
      return;
    case 'settings.changed':
      if (event.payload.changed.includes('startAtLogin')) shell.applyStartAtLogin(event.payload.settings.startAtLogin);
      shell.refreshTray();
      break;
    case 'alerts.new':
    case 'alerts.changed':
      shell.refreshTray();
      break;
  }
  shell.forward(event);
}
