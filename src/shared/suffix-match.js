// @ts-check
// The ES5 twin of path-pattern.ts's suffix matcher, for the Postman sandbox (the signing hook).
// Pattern segments are written as in compilePattern; tested on the same vectors as the TypeScript.

/**
 * The parameters when the pattern matches the end of the segments, else null.
 * @param {string[]} pattern
 * @param {string[]} segs
 * @returns {Object<string, string> | null}
 */
function matchSuffix(pattern, segs) {
  if (segs.length < pattern.length) return null;
  /** @type {Object<string, string>} */
  var params = {};
  var offset = segs.length - pattern.length;
  for (var i = 0; i < pattern.length; i++) {
    var part = /** @type {string} */ (pattern[i]), seg = /** @type {string} */ (segs[offset + i]);
    if (part === '*') continue;
    if (part.charAt(0) === ':' && part.length > 1) { params[part.slice(1)] = seg; continue; }
    if (part.charAt(0) === '{' && part.charAt(part.length - 1) === '}' && part.length > 2) { params[part.slice(1, -1)] = seg; continue; }
    if (part !== seg) return null;
  }
  return params;
}

/**
 * How many segments of the pattern are literal (the tie-break: more literal wins).
 * @param {string[]} pattern
 * @returns {number}
 */
function literalCount(pattern) {
  var n = 0;
  for (var i = 0; i < pattern.length; i++) {
    var part = /** @type {string} */ (pattern[i]);
    if (part !== '*' && !(part.charAt(0) === ':' && part.length > 1) && !(part.charAt(0) === '{' && part.charAt(part.length - 1) === '}' && part.length > 2)) n++;
  }
  return n;
}

/**
 * The best item whose segments match the end of segs: longer, then more literal, then first.
 * @template {{ segments: string[] }} T
 * @param {T[]} items
 * @param {string[]} segs
 * @returns {{ item: T, params: Object<string, string> } | null}
 */
function bestSuffixMatch(items, segs) {
  /** @type {{ item: T, params: Object<string, string>, length: number, literals: number } | null} */
  var best = null;
  for (var i = 0; i < items.length; i++) {
    var item = /** @type {T} */ (items[i]);
    var params = matchSuffix(item.segments, segs);
    if (!params) continue;
    var length = item.segments.length, literals = literalCount(item.segments);
    if (!best || length > best.length || (length === best.length && literals > best.literals)) best = { item: item, params: params, length: length, literals: literals };
  }
  return best ? { item: best.item, params: best.params } : null;
}
