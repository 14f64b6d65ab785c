/**
 * Text people wrote reaches HTML, SVG and Markdown: a campaign named `<script>` must print as
 * those characters, never run or break the layout.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML and SVG text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML[ch]!);
}

/**
 * Markdown text: characters that would start emphasis, links, code or raw HTML are escaped, and a
 * table cell keeps to one line with its pipes escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}
