/** The XDG autostart entry for Linux (pure, so its quoting is tested). */

/** Desktop Entry Exec quoting: the path in double quotes, with ", `, $ and \ escaped. */
export function quoteExec(path: string): string {
  return `"${path.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function autostartDesktopEntry(executable: string): string {
  if (/[\r\n]/.test(executable)) throw new Error('executable path contains a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Nunchi',
    `Exec=${quoteExec(executable)} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}
