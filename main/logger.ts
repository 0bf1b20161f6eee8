/**
 * The engine's log: records with a level, a scope ("poll", "store") and context, handed to the
 * sinks that are attached. Nothing is printed unless someone attaches a sink: the CLI attaches
 * a terminal sink for `--verbose`; the desktop shell forwards records to electron-log (from the
 * engine worker through its RPC). The user reads words elsewhere; this is for the person fixing it.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  level: LogLevel;
  /** Epoch milliseconds. */
  time: number;
  /** Which part of the engine: "poll", "store", "cli" … */
  scope: string;
  message: string;
  /** Structured facts (feed id, URL, counts); plain data, so a record can cross a thread. */
  context?: Record<string, unknown>;
  /** An error, flattened to plain data (a worker posts records to the shell). */
  error?: { name: string; message: string; code?: string; stack?: string; cause?: string };
}

/** Where records go: a function taking one record. It must not throw (errors are swallowed). */
export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>, error?: unknown): void;
  error(message: string, context?: Record<string, unknown>, error?: unknown): void;
}

interface Attached {
  sink: LogSink;
  minLevel: LogLevel;
}

const sinks = new Set<Attached>();

/** Attach a sink for records at `minLevel` and above; returns the function that detaches it. */
export function addLogSink(sink: LogSink, minLevel: LogLevel = 'info'): () => void {
  const attached: Attached = { sink, minLevel };
  sinks.add(attached);
  return () => void sinks.delete(attached);
}

/** The logger of one part of the engine. Cheap: make one per module. */
export function logger(scope: string, now: () => number = Date.now): Logger {
  const emit = (level: LogLevel, message: string, context?: Record<string, unknown>, error?: unknown): void => {
    if (sinks.size === 0) return;
    const record: LogRecord = { level, time: now(), scope, message };
    if (context) record.context = context;
    if (error !== undefined) record.error = flattenError(error);
    for (const { sink, minLevel } of sinks) {
      if (RANK[level] < RANK[minLevel]) continue;
      try {
        sink(record);
      } catch {
        // A broken sink must never break the work being logged.
      }
    }
  };
  return {
    debug: (message, context) => emit('debug', message, context),
    info: (message, context) => emit('info', message, context),
    warn: (message, context, error) => emit('warn', message, context, error),
    error: (message, context, error) => emit('error', message, context, error),
  };
}

export function flattenError(error: unknown): NonNullable<LogRecord['error']> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  const flat: NonNullable<LogRecord['error']> = { name: error.name, message: error.message };
  if (typeof code === 'string') flat.code = code;
  if (error.stack) flat.stack = error.stack;
  if (error.cause !== undefined) flat.cause = describeCause(error.cause);
  return flat;
}

/** One record as one terminal line (plus the stack, indented): `12:00:01.250 WARN  poll: … {"feedId":3}`. */
export function formatLogRecord(record: LogRecord): string {
  const time = new Date(record.time).toISOString().slice(11, 23);
  const context = record.context ? ` ${JSON.stringify(record.context)}` : '';
  let line = `${time} ${record.level.toUpperCase().padEnd(5)} ${record.scope}: ${record.message}${context}`;
  if (record.error) {
    const { name, message, code, cause, stack } = record.error;
    line += `\n  ${name}: ${message}${code ? ` [${code}]` : ''}${cause ? `\n  cause: ${cause}` : ''}`;
    if (stack)
      line += `\n${stack
        .split('\n')
        .slice(1)
        .map((l) => `  ${l.trim()}`)
        .join('\n')}`;
  }
  return line;
}

/** A cause as one line; never throws (a log call must not fail on a circular object). */
function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  if (typeof cause !== 'object' || cause === null) return String(cause);
  try {
    return JSON.stringify(cause);
  } catch {
    return Object.prototype.toString.call(cause);
  }
}
