/**
 * The line each element of a JSON document's record array starts on (the top-level array, or
 * the array under `key`, "accounts" by default), so that an error in `accounts[3]` can name its
 * line. A small scanner over the already-valid JSON text: it only tracks strings and nesting depth.
 */
export function arrayElementLines(text: string, key = 'accounts'): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let arrayDepth = -1; // depth inside the accounts array
  let expectValue = false;
  let lastKey = '';
  let keyStart = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (keyStart >= 0) lastKey = text.slice(keyStart, i);
      }
      continue;
    }
    if (ch === '"') {
      if (depth === arrayDepth && expectValue) {
        lines.push(line);
        expectValue = false;
      }
      inString = true;
      keyStart = depth === 1 ? i + 1 : -1;
      continue;
    }
    if (ch === '[' || ch === '{') {
      if (depth === arrayDepth && expectValue) {
        lines.push(line);
        expectValue = false;
      }
      depth++;
      if (ch === '[' && arrayDepth < 0 && (depth === 1 || (depth === 2 && lastKey === key))) {
        arrayDepth = depth;
        expectValue = true;
      }
    } else if (ch === ']' || ch === '}') {
      depth--;
    } else if (ch === ',' && depth === arrayDepth) {
      expectValue = true;
    } else if (depth === arrayDepth && expectValue && !/\s/.test(ch)) {
      lines.push(line);
      expectValue = false;
    }
  }
  return lines;
}
