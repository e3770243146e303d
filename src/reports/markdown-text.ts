// Text from outside (a command line, a client's referenceNo, a path) as Markdown text: one line, read as
// written, never as markup, a table cell's pipe or HTML (GitHub renders a job summary as HTML).

/**
 * Characters Markdown could read as markup: emphasis, code, links, tables, HTML tags and entities. A
 * backslash makes any ASCII punctuation literal (CommonMark), and reads better as text than an entity.
 */
const MARKUP = /[\\`*_[\]|~<>&!#]/g;

/**
 * One line of literal text for Markdown (tables included): markup characters backslash-escaped,
 * control characters and line breaks as spaces.
 * @example markdownText('INV|<b>1</b>') // 'INV\\|\\<b\\>1\\</b\\>'
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(MARKUP, (c) => `\\${c}`)
    .trim();
}
