// Cutting untrusted text to a length. Lengths count code points, not UTF-16 units, so a cut never
// splits a surrogate pair: half an emoji is not a string encodeURIComponent (the redirect) or
// UTF-8 (the database) can represent. Lone surrogates that arrive as such (JSON bodies can carry
// "\ud83d") become U+FFFD for the same reason.

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** The text with every unpaired surrogate replaced by U+FFFD (String#toWellFormed, ES2024). */
export function wellFormed(s: string): string {
  let out: string | null = null
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xd800 || c > 0xdfff) continue
    if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      i++
      continue
    }
    out = (out ?? s.slice(0, i)) + '\ufffd'
    // Copy the clean run after this surrogate in one go.
    let j = i + 1
    while (j < s.length && (s.charCodeAt(j) < 0xd800 || s.charCodeAt(j) > 0xdfff)) j++
    out += s.slice(i + 1, j)
    i = j - 1
  }
  if (out === null) return s
  return out
}

/** At most `max` code points of `s`, well-formed. Linear, and free when nothing needs cutting. */
export function cutText(s: string, max: number): string {
  let end = s.length
  if (end > max) {
    // Walk code points until `max` of them are taken.
    let i = 0
    for (let n = 0; n < max && i < s.length; n++) {
      i += isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1
    }
    end = i
  }
  return wellFormed(end === s.length ? s : s.slice(0, end))
}
