import type { ArticleRecord } from '../../shared/types';

/**
 * An articles row as SQLite gives it, and the record the rest of the app reads. Its own module so
 * that what only reads articles (search, the CLI's read commands) does not load the writer
 * (articles.ts) and the story grouping it runs (issue 14).
 */
export interface ArticleRow {
  id: number;
  feed_id: number | null;
  source_title: string;
  identity: string;
  link: string | null;
  canonical_link: string | null;
  title: string;
  author: string | null;
  published_at: number | null;
  first_seen_at: number;
  sort_at: number;
  updated_at: number;
  text: string;
  raw_html: string;
  story_id: number;
}

export function toArticleRecord(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    feedId: row.feed_id,
    sourceTitle: row.source_title,
    identity: row.identity,
    link: row.link,
    canonicalLink: row.canonical_link,
    title: row.title,
    author: row.author,
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    sortAt: row.sort_at,
    updatedAt: row.updated_at,
    text: row.text,
    rawHtml: row.raw_html,
    storyId: row.story_id,
  };
}
