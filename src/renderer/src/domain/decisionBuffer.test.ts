import { describe, expect, it } from 'vitest'
import { createDecisionBuffer, secondsLeft, type HeldDecision } from './decisionBuffer'

function harness() {
  let clock = 1_000
  const timers = new Map<number, { fn: () => void; at: number }>()
  let next = 1
  const sent: HeldDecision[] = []
  const changes: (HeldDecision | null)[] = []
  const buffer = createDecisionBuffer({
    delayMs: 5_000,
    send: (d) => sent.push(d),
    onChange: (h) => changes.push(h),
    now: () => clock,
    setTimer: (fn, ms) => {
      timers.set(next, { fn, at: clock + ms })
      return next++
    },
    clearTimer: (h) => void timers.delete(h as number),
  })
  const advance = (ms: number) => {
    clock += ms
    for (const [h, t] of [...timers]) {
      if (t.at <= clock) {
        timers.delete(h)
        t.fn()
      }
    }
  }
  return { buffer, sent, changes, advance, timers }
}

describe('decision buffer (undo window)', () => {
  it('sends a held decision when its window ends, not before', () => {
    const h = harness()
    h.buffer.hold({ ids: [7], decision: 'reject', reason: 'bot' })
    h.advance(4_999)
    expect(h.sent).toEqual([])
    expect(secondsLeft(h.buffer.held()!, 1_000 + 4_999)).toBe(1)
    h.advance(1)
    expect(h.sent).toEqual([{ ids: [7], decision: 'reject', reason: 'bot', sendAt: 6_000 }])
    expect(h.buffer.held()).toBeNull()
  })

  it('undo cancels the held decision, which is then never sent', () => {
    const h = harness()
    h.buffer.hold({ ids: [7], decision: 'reject', reason: '' })
    expect(h.buffer.undo()).toMatchObject({ ids: [7], decision: 'reject' })
    h.advance(10_000)
    expect(h.sent).toEqual([])
    expect(h.timers.size).toBe(0)
    expect(h.buffer.undo()).toBeNull()
  })

  it('the next decision sends the one held before it; only the last can be undone', () => {
    const h = harness()
    h.buffer.hold({ ids: [1], decision: 'approve', reason: '' })
    h.advance(1_000)
    h.buffer.hold({ ids: [2, 3], decision: 'reject', reason: 'farm' })
    expect(h.sent.map((d) => d.ids)).toEqual([[1]])
    expect(h.buffer.undo()?.ids).toEqual([2, 3])
    h.advance(10_000)
    expect(h.sent.map((d) => d.ids)).toEqual([[1]])
  })

  it('flush (leaving the page) sends what is held at once, and only once', () => {
    const h = harness()
    h.buffer.hold({ ids: [9], decision: 'approve', reason: '' })
    h.buffer.flush()
    h.buffer.flush()
    h.advance(10_000)
    expect(h.sent.map((d) => d.ids)).toEqual([[9]])
    expect(h.changes.map((c) => c?.ids ?? null)).toEqual([[9], null])
  })
})
