#!/usr/bin/env node
/**
 * `nunchi`: the headless monitor. Commands are small modules; this file only routes and reports.
 */
import { parseArgs } from 'node:util';
import { asFeedError } from '../feeds/feed-error';
import { terminalLocale } from './locale';
import { formatFeedSummary, loadAndParse, toParseJson } from './parse-command';

const USAGE = {
  ko: `사용법: nunchi <명령> [옵션]

  parse <파일-또는-URL> [--json]   피드 하나를 읽어 정규화한 결과를 보여 줍니다 (저장하지 않음)

공통 옵션: --lang ko|en`,
  en: `Usage: nunchi <command> [options]

  parse <file-or-url> [--json]     Read one feed and print it normalized (nothing is stored)

Common options: --lang ko|en`,
};

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      json: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'user-agent': { type: 'string' },
    },
  });
  const locale = terminalLocale(typeof values.lang === 'string' ? values.lang : undefined);
  const [command, ...args] = positionals;

  if (!command || values.help) {
    process.stdout.write(USAGE[locale] + '\n');
    return command || values.help ? 0 : 2;
  }

  switch (command) {
    case 'parse': {
      const source = args[0];
      if (!source) {
        process.stderr.write(USAGE[locale] + '\n');
        return 2;
      }
      try {
        const feed = await loadAndParse(source, typeof values['user-agent'] === 'string' ? values['user-agent'] : undefined);
        process.stdout.write(values.json ? JSON.stringify(toParseJson(feed), null, 2) + '\n' : formatFeedSummary(feed, locale) + '\n');
        return 0;
      } catch (error) {
        const failure = asFeedError(error);
        process.stderr.write(`${locale === 'ko' ? '오류' : 'Error'}: ${failure.userMessage(locale)}\n  (${failure.detail})\n`);
        return 1;
      }
    }
    default:
      process.stderr.write(
        (locale === 'ko' ? `알 수 없는 명령입니다: ${command}\n\n` : `Unknown command: ${command}\n\n`) + USAGE[locale] + '\n',
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
