/**
 * C0 control characters other than tab, line feed and carriage return (and DEL, U+FFFE, U+FFFF, lone surrogates)
 * are not allowed in XML 1.0 at all, escaped or not: one in a description made /open311/v2/requests.xml not
 * well-formed for every partner system reading it. A person never types them; they are stripped at intake.
 */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const stripControls = (s: string): string => s.replace(NOT_TEXT, '');

/** The same, for an optional field. */
export const stripControlsOr = <T extends string | undefined | null>(s: T): T => (typeof s === 'string' ? (stripControls(s) as T) : s);
