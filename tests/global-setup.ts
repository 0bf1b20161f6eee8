/** vitest globalSetup: the boot and packaging tests (tests/electron/boot) need the built app. */
import { ensureAppBuilt } from './helpers/app-build';

export default function setup(): void {
  ensureAppBuilt();
}
