import type { Locale } from '../../shared/errors';

/** Every sentence the terminal prints, in Korean and English. */
export const CLI_MESSAGES = {
  usage: {
    ko: `사용법: nunchi <명령> [옵션]

감시
  run                          일정에 따라 계속 폴링하며 새 알림을 출력합니다 (Ctrl-C로 종료)
  poll [--all]                 기한이 된 피드를 한 번 폴링합니다 (--all: 일정 무시)

피드
  feeds list                   구독 중인 피드와 상태
  feeds add URL                피드 추가
  feeds remove ID              피드 삭제 (알림이 있는 기사는 남음)
  feeds enable ID | disable ID 켜기 / 끄기
  feeds import FILE.opml       OPML 가져오기 (폴더 유지)
  feeds export                 OPML 내보내기 (표준 출력)
  feeds catalog [enable 이름…] 기본 제공 한국 IT 언론 목록 / 이름으로 켜기

감시 목록
  watch list                   감시 목록
  watch add 이름 검색식        추가 (예: watch add 카카오 "카카오브레인 OR KoGPT")
  watch edit ID 검색식         검색식 변경
  watch remove ID [--delete-alerts]  삭제 (기본: 알림은 남김)
  watch test 검색식            저장된 최근 30일 기사에 미리 적용

조회
  alerts [--unread] [--watch 이름] [--json]
  search 검색어 [--json]
  parse 파일-또는-URL [--json] 피드 하나를 읽어 정규화 결과 출력 (저장 안 함)

공통 옵션: --db 경로 (또는 NUNCHI_DB), --lang ko|en, --json, --version`,
    en: `Usage: nunchi <command> [options]

Monitoring
  run                          Poll on schedule until stopped, printing new alerts (Ctrl-C to stop)
  poll [--all]                 Poll every due feed once (--all: ignore schedules)

Feeds
  feeds list                   Followed feeds and their health
  feeds add URL                Follow a feed
  feeds remove ID              Remove a feed (articles with alerts stay)
  feeds enable ID | disable ID Switch a feed on / off
  feeds import FILE.opml       Import OPML (folders kept)
  feeds export                 Export OPML (standard output)
  feeds catalog [enable NAME…] The built-in Korean ICT outlets / switch them on by name

Watchlists
  watch list                   Your watchlists
  watch add NAME QUERY         Add one (e.g. watch add Kakao "카카오브레인 OR KoGPT")
  watch edit ID QUERY          Change its query
  watch remove ID [--delete-alerts]  Delete it (alerts are kept unless asked)
  watch test QUERY             Try a query on the stored articles of the last 30 days

Reading
  alerts [--unread] [--watch NAME] [--json]
  search QUERY [--json]
  parse FILE-OR-URL [--json]   Read one feed and print it normalized (nothing stored)

Common options: --db PATH (or NUNCHI_DB), --lang ko|en, --json, --version`,
  },
  firstRun: {
    ko: `아직 구독 중인 피드가 없습니다. 이렇게 시작하세요:
  1. 언론사 켜기:    nunchi feeds catalog enable 전자신문 zdnet 블로터
     (목록 보기:     nunchi feeds catalog)
  2. 감시 목록 추가: nunchi watch add 카카오 "카카오브레인 OR KoGPT"
  3. 감시 시작:      nunchi run`,
    en: `You are not following any feeds yet. To start:
  1. Enable outlets:   nunchi feeds catalog enable etnews zdnet bloter
     (see them all:    nunchi feeds catalog)
  2. Add a watchlist:  nunchi watch add Kakao "카카오브레인 OR KoGPT"
  3. Start monitoring: nunchi run`,
  },
  noWatchlists: {
    ko: '감시 목록이 없어 알림이 생기지 않습니다. 추가: nunchi watch add 이름 "검색식"',
    en: 'No watchlists yet, so nothing will alert. Add one: nunchi watch add NAME "QUERY"',
  },
  unknownCommand: { ko: '알 수 없는 명령입니다: {0}', en: 'Unknown command: {0}' },
  missingArgument: { ko: '인자가 부족합니다: {0}', en: 'Missing argument: {0}' },
  error: { ko: '오류', en: 'Error' },
  notFound: { ko: '찾을 수 없습니다: {0}', en: 'Not found: {0}' },
  feedAdded: { ko: '피드를 추가했습니다 (#{0}): {1}', en: 'Added feed #{0}: {1}' },
  feedRemoved: { ko: '피드 #{0}을(를) 삭제했습니다.', en: 'Removed feed #{0}.' },
  feedEnabled: { ko: '피드 #{0}: 켬', en: 'Feed #{0}: enabled' },
  feedDisabled: { ko: '피드 #{0}: 끔', en: 'Feed #{0}: disabled' },
  feedAlreadyFollowed: { ko: '이미 구독 중인 피드입니다 (#{0}): {1}', en: 'Already following feed #{0}: {1}' },
  imported: { ko: '{0}개 추가, {1}개는 이미 있음', en: '{0} added, {1} already followed' },
  importRejected: { ko: '  건너뜀: {0} ({1}) — {2}', en: '  skipped: {0} ({1}) — {2}' },
  catalogEnabled: { ko: '켬: {0}', en: 'Enabled: {0}' },
  catalogUnknown: { ko: '목록에 없는 이름: {0} (nunchi feeds catalog 로 확인)', en: 'Not in the catalog: {0} (see nunchi feeds catalog)' },
  noFeeds: { ko: '구독 중인 피드가 없습니다.', en: 'No feeds followed.' },
  watchAdded: { ko: '감시 목록을 추가했습니다 (#{0}): {1} — 저장된 기사에도 적용합니다.', en: 'Added watchlist #{0}: {1} — also applied to stored articles.' },
  watchEdited: { ko: '감시 목록 #{0}의 검색식을 바꿨습니다. 기존 알림은 그대로 둡니다.', en: 'Changed the query of watchlist #{0}. Existing alerts are kept.' },
  watchRemoved: { ko: '감시 목록 #{0}을(를) 삭제했습니다 (알림: {1}).', en: 'Removed watchlist #{0} (alerts: {1}).' },
  kept: { ko: '유지', en: 'kept' },
  deleted: { ko: '삭제', en: 'deleted' },
  previewCount: { ko: '최근 30일 기사 중 {0}건이 일치합니다 ({1} ms).', en: '{0} stored articles of the last 30 days match ({1} ms).' },
  noAlerts: { ko: '알림이 없습니다.', en: 'No alerts.' },
  noResults: { ko: '결과가 없습니다.', en: 'No results.' },
  searchTotal: { ko: '{0}건', en: '{0} results' },
  outlets: { ko: '외 {0}곳', en: '+{0} outlets' },
  polling: { ko: '폴링 중… {0}/{1}', en: 'Polling… {0}/{1}' },
  pollDone: {
    ko: '폴링 완료: 피드 {0}개, 새 기사 {1}건, 새 알림 {2}건, 실패 {3}개',
    en: 'Poll done: {0} feeds, {1} new articles, {2} new alerts, {3} failed',
  },
  nothingDue: { ko: '지금 폴링할 피드가 없습니다 (다음: {0}). --all 로 모두 폴링할 수 있습니다.', en: 'No feed is due (next: {0}). Use --all to poll every feed.' },
  feedFailed: { ko: '  실패 #{0} {1}: {2}', en: '  failed #{0} {1}: {2}' },
  running: { ko: 'Nunchi 감시 중 (피드 {0}개, 감시 목록 {1}개). Ctrl-C로 종료합니다.', en: 'Nunchi is monitoring ({0} feeds, {1} watchlists). Press Ctrl-C to stop.' },
  nextPoll: { ko: '다음 폴링: {0}', en: 'Next poll: {0}' },
  stopping: { ko: '종료하는 중… 진행 중인 저장을 마칩니다.', en: 'Stopping… finishing the current write.' },
  stopped: { ko: '종료했습니다.', en: 'Stopped.' },
  database: { ko: '데이터베이스: {0}', en: 'Database: {0}' },
} as const satisfies Record<string, Record<Locale, string>>;

export type CliMessage = keyof typeof CLI_MESSAGES;

export function say(locale: Locale, key: CliMessage, ...args: Array<string | number>): string {
  return CLI_MESSAGES[key][locale].replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
