import { afterAll, afterEach, beforeAll } from 'vitest';
import { Engine, type EngineOptions } from '../../main/engine';
import { startFeedServer, type FeedServer } from './feed-server';
import { rss, type RssItemSpec } from './rss';

/** A real feed server for the file's tests: started before them, closed after. */
export function useFeedServer(): { server: () => FeedServer; serveRss: (path: string, title: string, items: RssItemSpec[]) => string } {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());
  return {
    server: () => server,
    serveRss: (path, title, items) => {
      server.route(path, { headers: { 'Content-Type': 'application/rss+xml' }, body: rss({ title, items }) });
      return server.url(path);
    },
  };
}

/** Engines opened by a test are closed after it, whatever it did. */
export function useEngines(): { open: (options: EngineOptions) => Engine; track: (engine: Engine) => Engine } {
  const open: Engine[] = [];
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
  });
  return {
    open: (options) => {
      const engine = new Engine(options);
      open.push(engine);
      return engine;
    },
    track: (engine) => (open.push(engine), engine),
  };
}
