import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * better-sqlite3's compiled addon, named outright. The bundled `nunchi` carries the package's
 * JavaScript (scripts/build-cli.mjs, issue 14), and the package's own search for the addon (the
 * `bindings` package) would look next to the bundle, not in node_modules; named, it also skips
 * that search's failed tries. Undefined when the addon is not where npm builds it.
 */
export function sqliteAddonPath(): string | undefined {
  try {
    const addon = join(
      dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}
