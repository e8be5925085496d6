/** Detects a headline: a short first line without final punctuation, set apart by a blank line. */

export function headlineOf(text: string): string | undefined {
  const m = /^([^\n]{3,200})\n\s*\n/.exec(text);
  if (!m) return undefined;
  const line = m[1]!.trim();
  if (/[.!?:;,]["”’)]?$/.test(line) || line.split(/\s+/).length > 25) return undefined;
  return line;
}
