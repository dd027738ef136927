/**
 * Help text that fits the terminal (issue 13): commander wraps the option lists itself (given the
 * width); the descriptions and the examples added after them are wrapped here, each line under its
 * own indentation. No dependencies: every command's help passes through it.
 */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a line of help takes (help text has no escapes; CJK characters take two). */
function columnsOf(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Each line longer than `cols` broken at spaces, its continuation indented as the line was (plus two). */
export function wrapHelp(text: string, cols: number): string {
  const max = Math.max(20, cols);
  return text
    .split('\n')
    .flatMap((line) => {
      if (columnsOf(line) <= max) return [line];
      const indent = /^\s*/.exec(line)![0];
      const hanging = `${indent}  `.length < max / 2 ? `${indent}  ` : '';
      const out: string[] = [];
      let current = indent;
      for (const word of line.slice(indent.length).split(/ +/)) {
        const next = current.trim() ? `${current} ${word}` : `${current}${word}`;
        if (columnsOf(next) <= max || !current.trim()) {
          current = next;
          continue;
        }
        out.push(current);
        current = `${hanging}${word}`;
      }
      out.push(current);
      // A single word longer than the line (a long path) is cut into pieces.
      return out.flatMap((l) => {
        const pieces: string[] = [];
        let rest = l;
        while (columnsOf(rest) > max) {
          let cut = '';
          for (const ch of rest) {
            if (columnsOf(cut + ch) > max) break;
            cut += ch;
          }
          pieces.push(cut);
          rest = rest.slice(cut.length);
        }
        return [...pieces, rest];
      });
    })
    .join('\n');
}
