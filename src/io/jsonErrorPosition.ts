/**
 * The character offset of the first JSON syntax error in `text`, or -1 when `text` is valid
 * JSON. Used only after `JSON.parse` failed, to name the line and column (V8's messages do not
 * always carry a position). A small recursive-descent checker of RFC 8259 grammar.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const n = text.length;
  class Bad {
    constructor(readonly at: number) {}
  }
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const lit = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) throw new Bad(i);
  };
  const str = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) throw new Bad(i);
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Bad(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Bad(i);
      } else i++;
    }
    throw new Bad(i);
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw new Bad(i);
    i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10000) throw new Bad(i);
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Bad(i);
        str();
        ws();
        if (text[i] !== ":") throw new Bad(i);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else throw new Bad(i);
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else throw new Bad(i);
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else num();
  };
  try {
    value(0);
    ws();
    return i < n ? i : -1;
  } catch (e) {
    if (e instanceof Bad) return e.at;
    return -1; // e.g. stack overflow on absurd nesting: no position
  }
}
