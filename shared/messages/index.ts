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

/**
 * A template whose only syntax is `{name}` (most of the catalogue, plain sentences included). It
 * is filled in directly, as intl-messageformat would: the ICU parser and Intl's plural and number
 * rules start only for the templates that use them (~5 ms of a read command's start-up, issue 14).
 * An apostrophe can quote syntax in ICU, so a template with one always goes to the parser.
 */
const SIMPLE_TEMPLATE = /^(?:[^{}']|\{\w+\})*$/;

function fillSimple(template: string): Fill {
  // Odd indices are the argument names.
  const pieces = template.split(/\{(\w+)\}/);
  return (values) => {
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) {
      const value = values?.[pieces[i]!];
      if (value === undefined) throw new Error(`The message argument "${pieces[i]}" was not provided to "${template}"`);
      out += String(value) + pieces[i + 1]!;
    }
    return out;
  };
}

function formatter(locale: Locale, key: MessageKey): Fill {
  const id = `${locale}\u0000${key}`;
  let fill = compiled.get(id);
  if (!fill) {
    const template = CATALOGUES[locale][key];
    if (SIMPLE_TEMPLATE.test(template)) fill = fillSimple(template);
    else {
      const format = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
      fill = (values) => String(format.format(values));
    }
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
