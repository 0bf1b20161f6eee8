import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuOptions } from '../../main/electron/menu-template';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [String(item.role)] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

const base = (overrides: Partial<MenuOptions> = {}): MenuOptions => ({
  platform: 'win32',
  locale: 'ko',
  appName: 'Nunchi',
  isPackaged: true,
  openHelp: () => {},
  showWindow: () => {},
  ...overrides,
});

describe('native menu template', () => {
  it('has the usual roles: edit (copy/paste), view zoom, window, help', () => {
    const all = roles(menuTemplate(base()));
    for (const role of [
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
      'windowMenu',
      'help',
      'quit',
    ]) {
      expect(all, role).toContain(role);
    }
  });

  it('starts with the app menu on macOS only', () => {
    expect(menuTemplate(base({ platform: 'darwin' }))[0]!.role).toBe('appMenu');
    expect(roles(menuTemplate(base({ platform: 'win32' })))).not.toContain('appMenu');
    expect(roles(menuTemplate(base({ platform: 'linux' })))).not.toContain('appMenu');
  });

  it('offers developer tools and reload only when running unpackaged', () => {
    expect(roles(menuTemplate(base({ isPackaged: true })))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(base({ isPackaged: true })))).not.toContain('reload');
    expect(roles(menuTemplate(base({ isPackaged: false })))).toContain('toggleDevTools');
  });

  it('speaks the user language and the help item opens the help link', () => {
    let opened = 0;
    const ko = menuTemplate(base({ openHelp: () => (opened += 1) }));
    expect(ko.map((m) => m.label)).toEqual(['파일', '편집', '보기', '창', '도움말']);
    expect(menuTemplate(base({ locale: 'en' })).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const help = ko.find((m) => m.role === 'help')!;
    const item = (help.submenu as MenuItemConstructorOptions[])[0]!;
    (item.click as () => void)();
    expect(opened).toBe(1);
  });
});
