// Markdown pieces shared by gate.md and the job summary.

/** Markdown table cell: one line, pipes escaped, and '<' written as an entity so a name never opens an HTML tag. */
export const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').trim();
