/** A WKT1 node: `KEYWORD[arg, ...]`; arguments are quoted texts, numbers, bare words or nodes. */
export interface Wkt1Node {
  keyword: string;
  args: (string | number | Wkt1Node)[];
}

/**
 * Parse WKT1 text (OGC 01-009 or the ESRI flavour GeoTIFF writers put in citations): brackets or
 * parentheses, quoted texts with doubled quotes. Bare words (`EAST`) come back as strings.
 *
 * @returns null when the text is not WKT1
 */
export function parseWkt1(text: string): Wkt1Node | null {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const node = (): Wkt1Node | null => {
    skipSpace();
    const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))?.[0];
    if (keyword === undefined) return null;
    at += keyword.length;
    skipSpace();
    const open = text[at];
    if (open !== '[' && open !== '(') return null;
    const close = open === '[' ? ']' : ')';
    at++;
    const args: Wkt1Node['args'] = [];
    for (;;) {
      skipSpace();
      const c = text[at];
      if (c === undefined) return null;
      if (c === '"') {
        let value = '';
        at++;
        for (;;) {
          const end = text.indexOf('"', at);
          if (end < 0) return null;
          value += text.slice(at, end);
          at = end + 1;
          if (text[at] !== '"') break;
          value += '"';
          at++;
        }
        args.push(value);
      } else if (/[-+.\d]/.test(c)) {
        const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(at))?.[0];
        if (number === undefined) return null;
        args.push(Number(number));
        at += number.length;
      } else {
        const start = at;
        const inner = node();
        if (inner !== null) args.push(inner);
        else {
          at = start;
          const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))?.[0];
          if (word === undefined) return null;
          args.push(word);
          at += word.length;
        }
      }
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === close) {
        at++;
        return { keyword: keyword.toUpperCase(), args };
      }
      return null;
    }
  };
  const root = node();
  skipSpace();
  return root !== null && at === text.length ? root : null;
}

/** The first child node with `keyword`. */
export function child(node: Wkt1Node, keyword: string): Wkt1Node | undefined {
  return node.args.find((a): a is Wkt1Node => typeof a === 'object' && a.keyword === keyword);
}

/** Every child node with `keyword`. */
export function children(node: Wkt1Node, keyword: string): Wkt1Node[] {
  return node.args.filter((a): a is Wkt1Node => typeof a === 'object' && a.keyword === keyword);
}
