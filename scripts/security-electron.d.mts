/** Types of the Electron security gate's pure functions (scripts/security-electron.mjs), for its tests. */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

export interface AllowEntry {
  check: string;
  file: string;
  reason: string;
  sample?: string;
}

export function explains(entry: AllowEntry, finding: Finding): boolean;
export function gate(findings: Finding[], allow: AllowEntry[]): { failing: Finding[]; explained: number; used: Set<AllowEntry> };
export function loadAllowList(file: string): AllowEntry[];
/** The built app's folders the gate scans: what electron-builder.yml packages. */
export const PACKAGED_APP_FOLDERS: readonly string[];
