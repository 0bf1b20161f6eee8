// Its own module so that main/feeds/html.ts (the sanitizer's settings, on every command's path)
// does not load the HTML parser with it (issue 14).

/**
 * Disallowed elements whose *content* goes too (for other disallowed tags the text is kept).
 * Their content is code, a plug-in fallback or foreign markup (SVG/MathML), never article prose.
 */
export const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'template',
  'title',
  'head',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'xmp',
  'noembed',
  'noframes',
  'canvas',
  'audio',
  'video',
  'button',
];
