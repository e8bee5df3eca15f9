/**
 * The keys of the outermost JSON object of `text`, in order and with repeats
 * (`JSON.parse` silently keeps the last of two equal keys). `text` must be valid JSON.
 *
 * @internal
 */
export function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const token = text.slice(i, j + 1);
      let k = j + 1;
      while (/\s/.test(text[k] ?? "")) k++;
      if (depth === 1 && text[k] === ":") keys.push(JSON.parse(token) as string);
      i = j + 1;
      continue;
    }
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
    i++;
  }
  return keys;
}
