/**
 * Background work: the jobs that catch up after a poll or a change — applying watchlists to stored
 * articles, the search index, retention, the WAL checkpoint — run one after another in rounds on
 * the engine's thread, in small steps that give the event loop a turn between them and stand back
 * while a poll runs (the thread also answers the app and feeds the poll).
 *
 * A job is anything with `run(turn)`. Another pipeline (a queue of article pages to fetch, news
 * searches polled on a schedule) plugs in as one more job: it does what is due when a round runs,
 * and whatever wakes it (its own timer, a poll's new articles) calls `wake()`.
 */

/** What a job sees of the round it runs in. */
export interface BackgroundTurn {
  /** The engine is closing: stop at the next step. */
  stopped(): boolean;
  /** A poll is running now. */
  polling(): boolean;
  /** Someone asked for another round while this one runs (more work will come: a job may wait for it). */
  againRequested(): boolean;
  /** Resolves once no poll is running (or the engine is closing). */
  afterPoll(): Promise<void>;
  /** Gives the event loop a turn between two steps. */
  yield(): Promise<void>;
}

export interface BackgroundJob {
  readonly name: string;
  /** Does what is due, in small steps; returns when caught up. An error ends this job's round only. */
  run(turn: BackgroundTurn): Promise<void>;
}

export interface PollState {
  readonly running: boolean;
  /** Resolves when the running poll (if any) has finished, whatever its outcome. */
  settled(): Promise<void>;
}

export interface BackgroundWorkOptions {
  poll: PollState;
  /** A job failed (a database error); the next round tries again. */
  onError?: (job: string, error: unknown) => void;
}

export class BackgroundWork {
  private readonly jobs: BackgroundJob[] = [];
  private current: Promise<void> = Promise.resolve();
  private running = false;
  private again = false;
  private closed = false;

  constructor(private readonly options: BackgroundWorkOptions) {}

  /** Jobs run in the order they were added, every round. */
  add(job: BackgroundJob): this {
    this.jobs.push(job);
    return this;
  }

  /** Asks for a round: now, or after the running one. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.rounds().finally(() => {
      this.running = false;
    });
  }

  /** Resolves when background work (and any poll that would start more) has caught up. */
  async whenIdle(): Promise<void> {
    const { poll } = this.options;
    while (this.running || poll.running) {
      await this.current;
      if (poll.running) await poll.settled();
    }
  }

  /** No new rounds; resolves when the running one has stopped at its next step. */
  async close(): Promise<void> {
    this.closed = true;
    await this.current.catch(() => undefined);
  }

  private async rounds(): Promise<void> {
    const { poll, onError } = this.options;
    const turn: BackgroundTurn = {
      stopped: () => this.closed,
      polling: () => poll.running,
      againRequested: () => this.again,
      afterPoll: async () => {
        while (poll.running && !this.closed) await poll.settled();
      },
      yield: yieldToEvents,
    };
    do {
      this.again = false;
      for (const job of this.jobs) {
        if (this.closed) return;
        try {
          await job.run(turn);
        } catch (error) {
          onError?.(job.name, error);
        }
      }
    } while (this.again && !this.closed);
  }
}

export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
