// Evaluation measures, written out so they can be checked by hand.

/**
 * ROC AUC by the rank formula (Mann–Whitney U): rank every score (ties get the average of the
 * ranks they span), then AUC = (sum of the positives' ranks − P(P+1)/2) / (P·N). It is the chance
 * that a random fraud scores above a random honest conversion, a tie counting one half.
 * NaN when either class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new Error('One label per score')
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s)
  const ranks = new Array<number>(scores.length)
  for (let start = 0; start < order.length;) {
    let end = start
    while (end + 1 < order.length && order[end + 1]!.s === order[start]!.s) end++
    const average = (start + end) / 2 + 1 // ranks are 1-based
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = average
    start = end + 1
  }
  let positives = 0
  let rankSum = 0
  labels.forEach((l, i) => {
    if (l) {
      positives++
      rankSum += ranks[i]!
    }
  })
  const negatives = labels.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

export interface ThresholdStats {
  threshold: number
  /** Flagged: score ≥ threshold. */
  flagged: number
  truePositives: number
  /** Of the flagged, how many were fraud; NaN when nothing is flagged. */
  precision: number
  /** Of the fraud, how many were flagged; NaN without fraud. */
  recall: number
}

export function atThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
): ThresholdStats {
  if (scores.length !== labels.length) throw new Error('One label per score')
  let flagged = 0
  let truePositives = 0
  let positives = 0
  scores.forEach((s, i) => {
    if (labels[i]) positives++
    if (s >= threshold) {
      flagged++
      if (labels[i]) truePositives++
    }
  })
  return {
    threshold,
    flagged,
    truePositives,
    precision: flagged === 0 ? Number.NaN : truePositives / flagged,
    recall: positives === 0 ? Number.NaN : truePositives / positives,
  }
}
