/**
 * The window remembers its size and position, but a saved position can point at a monitor that
 * is gone (laptop undocked) or be garbage: restore it only where enough of the window is visible
 * on a screen that exists now, and never larger than that screen.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Omitted: let the OS place the window (centred on the primary screen). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 640, height: 480 };
/** At least this much of the title bar must be on a screen, or the window cannot be grabbed. */
const MIN_VISIBLE = { width: 120, height: 40 };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * `saved`: whatever was read from disk (unknown on purpose); `workAreas`: the work areas of the
 * displays connected now, the primary first.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const maximized = s.maximized === true;
  const fit = (size: unknown, min: number, fallback: number, max: number) =>
    Math.round(Math.max(Math.min(min, max), Math.min(finite(size) && size > 0 ? size : fallback, max)));

  if (!finite(s.x) || !finite(s.y)) {
    return {
      width: fit(s.width, MIN_SIZE.width, DEFAULT_SIZE.width, primary.width),
      height: fit(s.height, MIN_SIZE.height, DEFAULT_SIZE.height, primary.height),
      maximized,
    };
  }
  // The screen the title bar is on (its top strip), else the screen with the largest overlap.
  const rect = {
    x: s.x,
    y: s.y,
    width: finite(s.width) ? s.width : DEFAULT_SIZE.width,
    height: finite(s.height) ? s.height : DEFAULT_SIZE.height,
  };
  const titleBar = { x: rect.x, y: rect.y, width: rect.width, height: MIN_VISIBLE.height };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(titleBar, area);
    if (overlap.width >= MIN_VISIBLE.width && overlap.height >= MIN_VISIBLE.height / 2 && overlap.width * overlap.height > bestArea) {
      best = area;
      bestArea = overlap.width * overlap.height;
    }
  }
  const screen = best ?? primary;
  const width = fit(s.width, MIN_SIZE.width, DEFAULT_SIZE.width, screen.width);
  const height = fit(s.height, MIN_SIZE.height, DEFAULT_SIZE.height, screen.height);
  if (!best) return { width, height, maximized }; // its screen is gone: let the OS centre it
  // Keep it where it was, pushed inside the screen it belongs to.
  const x = Math.round(Math.min(Math.max(rect.x, screen.x), screen.x + screen.width - width));
  const y = Math.round(Math.min(Math.max(rect.y, screen.y), screen.y + screen.height - height));
  return { x, y, width, height, maximized };
}

/** What is written to disk: the normal (unmaximized) bounds plus the maximized flag. */
export function windowStateToSave(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}
