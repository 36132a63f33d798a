// The review queue's undo. Rejected and refunded are final in the ledger, so a decision cannot be
// taken back once it is sent; instead the last decision waits here for a few seconds before it is
// sent, and undo cancels it. The next decision sends the one waiting (only the last one can be
// undone), and so does leaving the page.

export type Decision = 'approve' | 'reject'

export interface HeldDecision {
  ids: number[]
  decision: Decision
  reason: string
  /** When it will be sent, in the buffer's clock. */
  sendAt: number
}

export interface DecisionBufferOptions {
  /** Sends a decision for real; its result is the caller's to report. */
  send: (d: HeldDecision) => void
  delayMs: number
  /** Called whenever what is held changes (held, undone, sent). */
  onChange?: (held: HeldDecision | null) => void
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export interface DecisionBuffer {
  /** Holds a decision, sending the one held before it. */
  hold(d: Omit<HeldDecision, 'sendAt'>): void
  /** Cancels the held decision and returns it; null if nothing is held. */
  undo(): HeldDecision | null
  /** Sends the held decision now (the next decision, leaving the page). */
  flush(): void
  held(): HeldDecision | null
}

export function createDecisionBuffer(opts: DecisionBufferOptions): DecisionBuffer {
  const now = opts.now ?? Date.now
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms))
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>))
  let current: HeldDecision | null = null
  let timer: unknown = null

  function take(): HeldDecision | null {
    const d = current
    current = null
    if (timer !== null) clearTimer(timer)
    timer = null
    return d
  }

  function flush() {
    const d = take()
    if (d) {
      opts.onChange?.(null)
      opts.send(d)
    }
  }

  return {
    hold(d) {
      flush()
      current = { ...d, ids: [...d.ids], sendAt: now() + opts.delayMs }
      timer = setTimer(flush, opts.delayMs)
      opts.onChange?.(current)
    },
    undo() {
      const d = take()
      if (d) opts.onChange?.(null)
      return d
    },
    flush,
    held: () => current,
  }
}

/** Whole seconds left before the held decision is sent, for the countdown (never below 0). */
export function secondsLeft(held: HeldDecision, at: number): number {
  return Math.max(0, Math.ceil((held.sendAt - at) / 1000))
}
