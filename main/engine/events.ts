import type { EngineEvent } from '../../shared/api';

export type EngineListener = (event: EngineEvent) => void;

/** The one subscription channel: every part announces what changed here; the shell and the renderer listen. */
export class EngineEvents {
  private readonly listeners = new Set<EngineListener>();

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
