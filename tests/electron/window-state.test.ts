/** Window size and position restored, clamped to the screens that exist now. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, restoreWindowState, windowStateToSave } from '../../main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('restores a window that is on a screen as it was', () => {
    expect(restoreWindowState({ x: 100, y: 80, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('keeps a window on a second monitor to the left (negative x) while that monitor is there', () => {
    expect(restoreWindowState({ x: -1500, y: 100, width: 1200, height: 800, maximized: true }, [laptop, leftMonitor])).toEqual({
      x: -1500,
      y: 100,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('lets the OS place it on the primary screen when its monitor is gone (undocked)', () => {
    const state = restoreWindowState({ x: -1500, y: 100, width: 1200, height: 800, maximized: false }, [laptop]);
    expect(state.x).toBeUndefined();
    expect(state.y).toBeUndefined();
    expect(state).toMatchObject({ width: 1200, height: 800 });
  });

  it('shrinks a window larger than its screen and pulls a half-visible one back in', () => {
    expect(restoreWindowState({ x: 10, y: 10, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
    expect(restoreWindowState({ x: 1000, y: 500, width: 800, height: 600, maximized: false }, [laptop])).toEqual({
      x: 640,
      y: 275,
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('does not trust a title bar that is off the top of every screen', () => {
    const state = restoreWindowState({ x: 100, y: -500, width: 800, height: 600, maximized: false }, [laptop]);
    expect(state.x).toBeUndefined();
  });

  it.each([
    null,
    'garbage',
    42,
    {},
    { x: 'a', y: null, width: -5, height: Number.NaN },
    { width: 1e12, height: 1e12 },
    { x: Infinity, y: 0 },
  ])('falls back to sane defaults for %j', (saved) => {
    const state = restoreWindowState(saved, [laptop]);
    expect(state.width).toBeGreaterThanOrEqual(MIN_SIZE.width);
    expect(state.width).toBeLessThanOrEqual(laptop.width);
    expect(state.height).toBeGreaterThanOrEqual(MIN_SIZE.height);
    expect(state.height).toBeLessThanOrEqual(laptop.height);
    expect(Number.isFinite(state.x ?? 0)).toBe(true);
  });

  it('uses the default size with no screens reported and never goes below the minimum size', () => {
    expect(restoreWindowState(null, [])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(restoreWindowState({ x: 0, y: 0, width: 100, height: 100 }, [laptop])).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });

  it('saves whole pixels and the maximized flag', () => {
    expect(windowStateToSave({ x: 10.4, y: 20.6, width: 800.2, height: 600.7 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 800,
      height: 601,
      maximized: true,
    });
  });
});
