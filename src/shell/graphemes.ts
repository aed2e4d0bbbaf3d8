// Grapheme clusters: what a person sees as one character (an emoji with its modifiers, a letter with
// its combining accents, a flag). The cursor only ever stands between clusters, so Left, Right and
// Backspace never split one and history never saves half a character.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Offset of the cluster boundary before `offset` (0 at the start). */
export function previousBoundary(text: string, offset: number): number {
  if (offset <= 0) return 0
  return segmenter.segment(text).containing(Math.min(offset, text.length) - 1)?.index ?? 0
}

/** Offset of the cluster boundary after `offset` (text.length at the end). */
export function nextBoundary(text: string, offset: number): number {
  if (offset >= text.length) return text.length
  const segment = segmenter.segment(text).containing(offset)
  return segment ? segment.index + segment.segment.length : text.length
}

/** The offset itself if it is a cluster boundary, else the start of the cluster it falls in. */
export function snapToBoundary(text: string, offset: number): number {
  if (offset <= 0) return 0
  if (offset >= text.length) return text.length
  return segmenter.segment(text).containing(offset)?.index ?? offset
}

/** The cluster that starts at `offset` ('' at the end). */
export function clusterAt(text: string, offset: number): string {
  return text.slice(offset, nextBoundary(text, offset))
}

/** The clusters of `text`, in order. */
export function clusters(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment)
}
