// Word-wrapping for the terminal report: ANSI colour codes take no columns.
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Wraps `text` to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  if (width <= indent.length + 10 || visibleLength(text) <= width) return text;
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (visibleLength(next) > width && line.trim() !== '') {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
