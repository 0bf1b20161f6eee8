/**
 * The two DOMs of the extractor (README, "Full-text extraction", has the measurements):
 * - htmlparser2's domhandler tree for everything we do ourselves (site rules, cleaning): it parses
 *   a 100 KB page about five times faster than linkedom and ten times faster than jsdom;
 * - linkedom, only for Readability, which needs a browser-like DOM, and only on the page after the
 *   cheap tree has pruned it (scripts, navigation, headline lists gone).
 * Neither runs scripts nor loads anything.
 */
import { selectAll, selectOne } from 'css-select';
import type { AnyNode, Document, Element, Text } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';

export type { AnyNode, Document, Element } from 'domhandler';

export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export function isElement(node: AnyNode): node is Element {
  return DomUtils.isTag(node);
}

export function isText(node: AnyNode): node is Text {
  return DomUtils.isText(node);
}

export function findFirst(selector: string, root: AnyNode): Element | null {
  return selectOne<AnyNode, Element>(selector, root);
}

export function findAll(selector: string, root: AnyNode): Element[] {
  return selectAll<AnyNode, Element>(selector, root);
}

export function remove(node: AnyNode): void {
  DomUtils.removeElement(node);
}

export function innerHtml(node: AnyNode): string {
  return DomUtils.getInnerHTML(node, { decodeEntities: false });
}

export function outerHtml(node: AnyNode): string {
  return DomUtils.getOuterHTML(node, { decodeEntities: false });
}

/** A whole page as a browser-like document for Readability (linkedom). */
export function parseBrowserDocument(html: string): unknown {
  // linkedom types its result as the global Window, which has no `document` where the program has
  // Electron's typings but no DOM lib (main/electron/tsconfig.json reaches this file through the engine).
  return (parseHTML(html) as unknown as { document: unknown }).document;
}
