/**
 * A command's output, written to file descriptor 1 directly when that is a pipe or a file.
 *
 * Why: `process.stdout` is a stream, and the first touch of it builds one — for a pipe, a
 * net.Socket with Node's stream machinery behind it: ~5 ms of a read command's ~50 ms of its own
 * (issue 14). A command prints its output whole, so a synchronous write needs none of that. A
 * terminal keeps the stream: it is where Node turns UTF-8 into what a Windows console shows
 * (raw bytes there would be read in the console's code page), and a person does not see 5 ms.
 */
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const STDOUT = 1;

/** `nunchi alerts | head`: a closed pipe ends the output quietly, not with a stack trace. */
function exitOnClosedPipe(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  throw error;
}

let characterDevice: boolean | undefined;
/** process.stdout has been made (outputStream): output goes through it from then on, in order. */
let streamReady = false;
/** The stdio streams this command has built: the only writes that can still be under way when it ends. */
const streamsBuilt = new Set<NodeJS.WriteStream>();

/** A terminal (or /dev/null, or NUL): a character device. A pipe or a file is not. */
function stdoutIsCharacterDevice(): boolean {
  if (characterDevice === undefined) {
    try {
      characterDevice = fstatSync(STDOUT).isCharacterDevice();
    } catch {
      characterDevice = true; // unknown: the stream decides, as it always did
    }
  }
  return characterDevice;
}

/** Writes all of `text` to stdout (after anything written to the stream, once there is one). */
export function writeOut(text: string): void {
  if (streamReady || stdoutIsCharacterDevice()) {
    outputStream().write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(STDOUT, bytes, offset);
    } catch (error) {
      // A pipe the parent made non-blocking is full: the reader has not caught up yet.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      else exitOnClosedPipe(error);
    }
  }
}

/** Whether stdout is a terminal, asked of node:tty (which loads net and the streams) only for a character device. */
export function stdoutIsTerminal(): boolean {
  return stdoutIsCharacterDevice() && (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(STDOUT);
}

/** process.stdout, for output written as it comes (progress, a monitor's log), ending quietly on a closed pipe. */
export function outputStream(): NodeJS.WriteStream {
  if (!streamReady) {
    process.stdout.on('error', exitOnClosedPipe);
    streamReady = true;
    streamsBuilt.add(process.stdout);
  }
  return process.stdout;
}

/** process.stderr, for messages and a monitor's log (the one way to it, so that exitWhenWritten knows). */
export function errorStream(): NodeJS.WriteStream {
  streamsBuilt.add(process.stderr);
  return process.stderr;
}

/**
 * Ends the process with `code` when the command is done.
 *
 * Why not let Node end by itself: its orderly teardown once the event loop is empty (the heap freed
 * page by page, the SQLite addon's cleanup) was 5–20 ms of a read command's ~50 ms of its own
 * (issue 14). Exiting at once loses nothing when nothing is left to write: output to a pipe or a
 * file went out with writeSync, and every command awaits its own work. A stream this command built
 * that still holds bytes (a pipe whose reader is behind: process.stdout writes to a pipe
 * asynchronously) gets Node's usual exit instead, after its writes.
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  for (const stream of streamsBuilt) if (stream.writableLength > 0) return;
  process.exit(code);
}
