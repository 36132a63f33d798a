import { afterEach, describe, expect, it, vi } from 'vitest'
import { createGroupCommit } from './group-commit'

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r))

function recorder<T>(fail?: (items: T[]) => boolean) {
  const batches: T[][] = []
  const errors: [unknown, readonly T[]][] = []
  const gc = createGroupCommit<T>({
    writeBatch: (items) => {
      if (fail?.(items)) throw new Error(`write failed for ${items.length}`)
      batches.push([...items])
    },
    onError: (err, items) => errors.push([err, items]),
  })
  return { gc, batches, errors }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('group commit', () => {
  it('writes everything enqueued in one tick as one batch, in order, then resolves every item', async () => {
    const { gc, batches } = recorder<number>()
    const settled: number[] = []
    const promises = Array.from({ length: 100 }, (_, i) => gc.enqueue(i).then(() => settled.push(i)))
    expect(batches).toEqual([]) // nothing written synchronously
    expect(gc.pending).toBe(100)
    await Promise.all(promises)
    expect(batches).toEqual([Array.from({ length: 100 }, (_, i) => i)])
    expect(settled).toHaveLength(100)
    expect(gc.pending).toBe(0)
  })

  it('resolves an item only after its batch was written', async () => {
    let written = false
    const gc = createGroupCommit<string>({
      writeBatch: () => {
        written = true
      },
      onError: () => {},
    })
    await gc.enqueue('a')
    expect(written).toBe(true)
  })

  it('puts items arriving during a write into the next batch', async () => {
    const batches: string[][] = []
    let late: Promise<void> | undefined
    const gc = createGroupCommit<string>({
      writeBatch: (items) => {
        batches.push([...items])
        if (!late) late = gc.enqueue('late') // e.g. a request handled from inside the transaction's callbacks
      },
      onError: () => {},
    })
    await Promise.all([gc.enqueue('a'), gc.enqueue('b')])
    await late
    expect(batches).toEqual([['a', 'b'], ['late']])
  })

  it('batches per event-loop turn', async () => {
    const { gc, batches } = recorder<number>()
    const first = [gc.enqueue(1), gc.enqueue(2)]
    await Promise.all(first)
    const second = [gc.enqueue(3)]
    await Promise.all(second)
    expect(batches).toEqual([[1, 2], [3]])
  })

  it('splits a backlog at maxBatch, writing one transaction per turn, in order', async () => {
    const batches: number[][] = []
    const gc = createGroupCommit<number>({
      writeBatch: (items) => void batches.push([...items]),
      maxBatch: 3,
      onError: () => {},
    })
    const all = Array.from({ length: 8 }, (_, i) => gc.enqueue(i))
    await nextTurn()
    expect(batches).toEqual([[0, 1, 2]]) // the rest waits for the next turns, letting I/O in between
    await Promise.all(all)
    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ])
  })

  it('rejects every item of a failed batch, reports it, and carries on with the next', async () => {
    const { gc, batches, errors } = recorder<string>((items) => items.includes('bad'))
    const failed = [gc.enqueue('ok-1'), gc.enqueue('bad'), gc.enqueue('ok-2')]
    const results = await Promise.allSettled(failed)
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('write failed for 3')
    expect(errors).toHaveLength(1)
    expect(errors[0]![1]).toEqual(['ok-1', 'bad', 'ok-2'])
    await gc.enqueue('after')
    expect(batches).toEqual([['after']])
    expect(gc.pending).toBe(0)
  })

  it('does not crash the process when nobody awaits a failed item', async () => {
    const onError = vi.fn()
    const gc = createGroupCommit<number>({
      writeBatch: () => {
        throw new Error('disk I/O error')
      },
      onError,
    })
    void gc.enqueue(1) // fire and forget
    await nextTurn()
    await nextTurn()
    expect(onError).toHaveBeenCalledTimes(1)
    // vitest fails the run on an unhandled rejection, so reaching here is the assertion.
  })

  it('survives an onError that throws', async () => {
    let fail = true
    const gc = createGroupCommit<number>({
      writeBatch: () => {
        if (fail) throw new Error('x')
      },
      onError: () => {
        throw new Error('reporter broke')
      },
    })
    await expect(gc.enqueue(1)).rejects.toThrow('x')
    fail = false
    await expect(gc.enqueue(2)).resolves.toBeUndefined()
  })

  it('flushes on setImmediate, not on a timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] })
    const { gc, batches } = recorder<number>()
    await gc.enqueue(1) // would hang if the flush waited for a (frozen) timer
    expect(batches).toEqual([[1]])
  })

  it('flush() writes pending items immediately', async () => {
    const { gc, batches } = recorder<number>()
    const p = gc.enqueue(1)
    gc.enqueue(2)
    const flushed = gc.flush()
    expect(batches).toEqual([[1, 2]]) // synchronously, before any turn
    await flushed
    await p
    expect(gc.pending).toBe(0)
  })

  it('close() drains everything, then refuses new items', async () => {
    const batches: number[][] = []
    const gc = createGroupCommit<number>({
      writeBatch: (items) => void batches.push([...items]),
      maxBatch: 2,
      onError: () => {},
    })
    const items = [1, 2, 3, 4, 5].map((i) => gc.enqueue(i))
    await gc.close()
    expect(batches).toEqual([[1, 2], [3, 4], [5]])
    await Promise.all(items)
    await expect(gc.enqueue(6)).rejects.toThrow(/closed/)
    expect(gc.pending).toBe(0)
  })

  it('flush() from inside writeBatch does not write re-entrantly', async () => {
    const batches: number[][] = []
    let inner: Promise<void> | undefined
    const gc = createGroupCommit<number>({
      writeBatch: (items) => {
        batches.push([...items])
        if (!inner) {
          void gc.enqueue(99)
          inner = gc.flush()
          expect(batches).toHaveLength(1) // 99 is not written inside this transaction
        }
      },
      onError: () => {},
    })
    await gc.enqueue(1)
    await inner
    expect(batches).toEqual([[1], [99]])
  })

  it('refuses a nonsensical maxBatch', () => {
    expect(() => createGroupCommit({ writeBatch: () => {}, maxBatch: 0, onError: () => {} })).toThrow(
      /maxBatch/,
    )
  })
})
