/**
 * Names the desktop shell shares between its parts (main process, preload, builder config).
 * Pure constants: the sandboxed preload bundles this file, so it may import nothing.
 */

/** Must equal electron-builder.yml appId: Windows shows no notification when the AppUserModelID differs. */
export const APP_ID = 'app.nunchi.desktop';
export const PRODUCT_NAME = 'Nunchi';

/** The custom protocol the UI is served from (never file://), and its single host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nunchi';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Deep links: nunchi://article/ID (notifications and other apps open a story with it). */
export const DEEP_LINK_SCHEME = 'nunchi';

/** One invoke channel for every API call, one channel for every pushed event. */
export const IPC_CALL = 'nunchi:call';
export const IPC_EVENT = 'nunchi:event';

export const HELP_URL = 'https://github.com/nunchi-app/nunchi#readme';
