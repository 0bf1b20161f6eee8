export type { WatchlistRule, MatchInput, MatchField, MatchSpan, WatchlistMatch, CompileError, CompiledMatcher } from './matcher';
export { compileWatchlists, mergeSpans } from './matcher';
export { normalizeWithOffsets, normalizeForMatching, NormalizedText, normalizeInto } from './normalize';
export { AhoCorasick, HitBuffer } from './aho-corasick';
