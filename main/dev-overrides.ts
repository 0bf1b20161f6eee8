/**
 * Environment overrides meant for development and tests only: NUNCHI_SQLITE_BINDING (load a
 * better_sqlite3.node built for Electron when running from source) and NUNCHI_DATA_DIR (a
 * throw-away data folder for the smoke test). A packaged app ignores both: anyone who can set an
 * environment variable could otherwise make it load any native module, or read another folder.
 * The Electron shell passes `app.isPackaged`.
 */
export interface DevelopmentOverrides {
  /** Path to a better_sqlite3.node to load instead of the bundled one. */
  sqliteBinding?: string;
  /** The data folder to use instead of the user's. */
  dataDir?: string;
}

export function developmentOverrides(env: NodeJS.ProcessEnv, isPackaged: boolean): DevelopmentOverrides {
  if (isPackaged) return {};
  const overrides: DevelopmentOverrides = {};
  if (env.NUNCHI_SQLITE_BINDING) overrides.sqliteBinding = env.NUNCHI_SQLITE_BINDING;
  if (env.NUNCHI_DATA_DIR) overrides.dataDir = env.NUNCHI_DATA_DIR;
  return overrides;
}
