/**
 * Every sentence a person reads — in the app, the terminal, a notification, the tray, an error —
 * is a message: a key into the catalogues (ko.ts, en.ts) plus its arguments. The engine and the
 * API pass messages around as data (`{ key, args }`); only the edge that shows them (the React
 * app, the CLI, the Electron shell) turns them into words in the user's language.
 *
 * Templates are ICU MessageFormat (FormatJS's intl-messageformat): `{name}` inserts a value as
 * written (ids, names), `{n, number}` a count with the locale's digit grouping (100,000), and
 * `{n, plural, one {# article} other {# articles}}` English plurals. Angle brackets are text,
 * not rich-text tags (`<명령>` in the CLI usage).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { ko } from './ko';
import { en } from './en';
import { fillPlainTemplate, readPlainTemplate } from './plain-format';

export type Locale = 'ko' | 'en';
export type MessageKey = keyof typeof ko;
/** An argument is a value, or a message of its own ("감시가 멈춰 있습니다: {reason}" with the reason's message). */
export type MessageArg = string | number | { key: string; args?: MessageArgs };
export type MessageArgs = Readonly<Record<string, MessageArg>>;

/** One user-facing sentence, not yet in words. */
export interface Message<K extends MessageKey = MessageKey> {
  key: K;
  args?: MessageArgs;
}

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { ko, en };

export function message<K extends MessageKey>(key: K, args?: MessageArgs): Message<K> {
  return args ? { key, args } : { key };
}

/** For keys that arrive as data (an ApiError from another process). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}

type Fill = (values?: Record<string, string | number>) => string;

const compiled = new Map<string, Fill>();

function formatter(locale: Locale, key: MessageKey): Fill {
  const id = `${locale}\u0000${key}`;
  let fill = compiled.get(id);
  if (!fill) {
    const template = CATALOGUES[locale][key];
    let format: IntlMessageFormat | undefined;
    const full = (values?: Record<string, string | number>) =>
      String((format ??= new IntlMessageFormat(template, locale, undefined, { ignoreTag: true })).format(values));
    // Most templates are filled in without intl-messageformat (plain-format.ts: ~30 ms of ICU start-up saved).
    const plain = readPlainTemplate(template);
    fill = plain ? (values) => fillPlainTemplate(plain, locale, values, template) ?? full(values) : full;
    compiled.set(id, fill);
  }
  return fill;
}

/**
 * The words of a message. A key the catalogue does not know (an error code from a newer engine)
 * shows as the key itself rather than nothing; a missing argument is a programming error and throws.
 */
export function formatMessage(locale: Locale, msg: Message | { key: string; args?: MessageArgs }): string {
  if (!isMessageKey(msg.key)) return msg.key;
  let values: Record<string, string | number> | undefined;
  if (msg.args) {
    values = {};
    for (const [name, value] of Object.entries(msg.args)) values[name] = typeof value === 'object' ? formatMessage(locale, value) : value;
  }
  return formatter(locale, msg.key)(values);
}

export function translate(locale: Locale, key: MessageKey, args?: MessageArgs): string {
  return formatMessage(locale, { key, args });
}

/** A count as the locale writes it: 100,000. */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}
