/**
 * What windows-1252 means by the bytes 80–9F: the curly quotes, dashes, € and ™ that Latin-1 left
 * as C1 controls. Broken encoders write those bytes as the code points U+0080–U+009F (`don\u0092t`)
 * and HTML-era CMSes as `&#146;`; readers (browsers, feedparser) show the punctuation meant.
 * 81, 8D, 8F, 90 and 9D mean nothing in windows-1252 and stay controls (dropped as invisible later).
 */
const WINDOWS_1252_C1 = new Map<number, number>([
  [0x80, 0x20ac],
  [0x82, 0x201a],
  [0x83, 0x0192],
  [0x84, 0x201e],
  [0x85, 0x2026],
  [0x86, 0x2020],
  [0x87, 0x2021],
  [0x88, 0x02c6],
  [0x89, 0x2030],
  [0x8a, 0x0160],
  [0x8b, 0x2039],
  [0x8c, 0x0152],
  [0x8e, 0x017d],
  [0x91, 0x2018],
  [0x92, 0x2019],
  [0x93, 0x201c],
  [0x94, 0x201d],
  [0x95, 0x2022],
  [0x96, 0x2013],
  [0x97, 0x2014],
  [0x98, 0x02dc],
  [0x99, 0x2122],
  [0x9a, 0x0161],
  [0x9b, 0x203a],
  [0x9c, 0x0153],
  [0x9e, 0x017e],
  [0x9f, 0x0178],
]);

/** The windows-1252 character for a C1 code point (0x80–0x9F), or the code point itself. */
export function windows1252ForC1(codePoint: number): number {
  return WINDOWS_1252_C1.get(codePoint) ?? codePoint;
}

const C1 = /[\u0080-\u009F]/g;

/** Text with every C1 control that windows-1252 gives a meaning replaced by that character. */
export function replaceC1WithWindows1252(text: string): string {
  if (!/[\u0080-\u009F]/.test(text)) return text;
  return text.replace(C1, (c) => String.fromCharCode(windows1252ForC1(c.charCodeAt(0))));
}
