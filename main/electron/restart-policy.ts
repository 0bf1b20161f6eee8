/**
 * When a dead engine worker is started again. A crash is restarted after a short, growing delay;
 * when starting keeps failing (a broken database, a bug that kills every start) the shell gives up
 * and says so — the window's banner and the tray — instead of spinning. An engine that ran long
 * enough before dying starts the count afresh. Pure: time is passed in.
 */

export interface RestartPolicy {
  /** Delay before the 1st, 2nd, … restart in a row; after the last one fails, give up. */
  delaysMs: readonly number[];
  /** An engine that ran at least this long was healthy: its death is a first failure again. */
  healthyAfterMs: number;
}

export const RESTART_POLICY: RestartPolicy = { delaysMs: [1_000, 3_000, 10_000], healthyAfterMs: 120_000 };

export interface RestartHistory {
  /** Failures in a row: deaths and failed starts since the engine last ran healthily. */
  failures: number;
  /** When the engine that just died had started (null: it never started). */
  startedAt: number | null;
}

export type RestartDecision =
  { action: 'restart'; delayMs: number; attempt: number; failures: number } | { action: 'give-up'; failures: number };

/** Called when the engine died or a start failed; returns what to do and the new failure count. */
export function afterEngineFailure(history: RestartHistory, now: number, policy: RestartPolicy = RESTART_POLICY): RestartDecision {
  const ranHealthily = history.startedAt !== null && now - history.startedAt >= policy.healthyAfterMs;
  const failures = (ranHealthily ? 0 : history.failures) + 1;
  const delayMs = policy.delaysMs[failures - 1];
  if (delayMs === undefined) return { action: 'give-up', failures };
  return { action: 'restart', delayMs, attempt: failures, failures };
}
