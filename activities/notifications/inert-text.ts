/**
 * Text that comes from people and plans (names, titles, comments, statements, reasons) as chat and
 * mail clients must show it: as text. In a group robot's markdown `[click](http://evil)` is a link,
 * `<at user_id="all">` or `@all` a mention, `**` and backticks formatting, and a newline a new
 * block; clients also turn bare addresses into links. A phishing link posted by the campaign's
 * robot looks like the company speaking, so no text of a person may become one.
 *
 * Markup characters become their full-width forms (readable, and natural in Chinese text), line
 * breaks become spaces, and addresses are broken where link detectors look for them — after the
 * scheme's colon and after each dot of a domain — with a zero-width space, invisible to readers.
 * The system's own commands are built from validated ids and are not passed through here: they
 * must stay exactly as typed to be pasted.
 */

const FULL_WIDTH: Record<string, string> = {
  '\\': '＼', '`': '｀', '*': '＊', '_': '＿', '~': '～', '[': '［', ']': '］', '<': '＜', '>': '＞',
  '#': '＃', '|': '｜', '@': '＠', '&': '＆',
};
const MARKUP = /[\\`*_~[\]<>#|@&]/g;
/** Line breaks of every kind, and the bidirectional controls that make text read other than it is. */
const BREAKS = /[\r\n\u0085\u2028\u2029\t\v\f]+/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';
/** Markdown starts a list, a heading underline or a rule with these at the start of a line. */
const LINE_START = /^[-+=]/;

/** For robot markdown and chat text (WeCom, DingTalk, Feishu, Slack). */
export function inertText(text: string): string {
  return unlinked(text)
    .replace(MARKUP, (ch) => FULL_WIDTH[ch]!)
    .replace(LINE_START, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0));
}

/** For mail: one line, and no address a client would make a link of. */
export function unlinked(text: string): string {
  return text
    .replace(BIDI, '')
    .replace(BREAKS, ' ')
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, `$1:${ZWSP}//`)
    .replace(/(?<=[\p{L}\p{N}])\.(?=\p{L})/gu, `.${ZWSP}`);
}
