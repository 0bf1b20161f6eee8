/**
 * Finds user-facing text written inline instead of taken from the catalogues (shared/messages):
 * - a string or template literal containing Hangul, anywhere (comments are not literals);
 * - JSX text containing a letter ("Save", "저장"): symbols alone (★, ✕, ·, +) are not words;
 * - a string literal with a letter given to a JSX attribute a person reads or hears
 *   (aria-label, title, placeholder, alt …) or written as a JSX child ({'Save'}).
 * It reads the TypeScript syntax tree, so text in comments, class names and keys never counts.
 */
import ts from 'typescript';

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]/;
const LETTER = /\p{L}/u;
const SPOKEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

export interface InlineText {
  file: string;
  line: number;
  text: string;
  why: 'hangul literal' | 'jsx text' | 'jsx attribute' | 'jsx string child';
}

export function findInlineText(file: string, source: string): InlineText[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: InlineText[] = [];
  const report = (node: ts.Node, text: string, why: InlineText['why']) =>
    found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1, text: text.trim().slice(0, 60), why });

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text, 'jsx text');
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const parent = node.parent;
      if (HANGUL.test(node.text)) report(node, node.text, 'hangul literal');
      else if (LETTER.test(node.text) && ts.isJsxAttribute(parent) && SPOKEN_ATTRIBUTES.has(parent.name.getText(tree)))
        report(node, node.text, 'jsx attribute');
      else if (LETTER.test(node.text) && ts.isJsxExpression(parent) && (ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent)))
        report(node, node.text, 'jsx string child');
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}
