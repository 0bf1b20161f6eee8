import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder the desktop app keeps its data in (Electron's app.getPath('userData') for the product
 * name "Nunchi"), so `nunchi` and the desktop app share one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Nunchi');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Nunchi');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Nunchi');
}

export const DATABASE_FILE = 'nunchi.sqlite';

/** `--db PATH`, else NUNCHI_DB, else the desktop app's database. */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.NUNCHI_DB || join(defaultDataDir(env), DATABASE_FILE);
}
