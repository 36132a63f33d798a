import { describe, expect, it } from 'vitest'
import { createGroupCommit } from './group-commit'

describe('group commit', () => {
  it('writes everything enqueued in one tick as one batch, in order, and resolves after the write', async () => {
    const batches: number[][] = []
    const gc = createGroupCommit<number, number>({
      writeBatch: (items) => (batches.push([...items]), items.map((i) => i * 10)),
    })
    const results = Promise.all([1, 2, 3].map((i) => gc.enqueue(i)))
    expect(batches).toEqual([])
    expect(await results).toEqual([10, 20, 30])
    expect(batches).toEqual([[1, 2, 3]])
  })

  it('puts items that arrive during a write into the next batch', async () => {
    const batches: number[][] = []
    const gc: ReturnType<typeof createGroupCommit<number>> = createGroupCommit<number>({
      writeBatch: (items) => {
        batches.push([...items])
        if (items[0] === 1) void gc.enqueue(99)
      },
    })
    await Promise.all([gc.enqueue(1), gc.enqueue(2)])
    await gc.flush()
    expect(batches).toEqual([[1, 2], [99]])
  })

  it('rejects every item of a failed batch and keeps working afterwards', async () => {
    let fail = true
    const gc = createGroupCommit<string>({
      writeBatch: () => {
        if (fail) throw new Error('disk full')
      },
    })
    const a = gc.enqueue('a')
    const b = gc.enqueue('b')
    await expect(a).rejects.toThrow('disk full')
    await expect(b).rejects.toThrow('disk full')
    fail = false
    await expect(gc.enqueue('c')).resolves.toBeUndefined()
  })

  it('splits batches at maxBatch', async () => {
    const sizes: number[] = []
    const gc = createGroupCommit<number>({
      writeBatch: (items) => void sizes.push(items.length),
      maxBatch: 4,
    })
    await Promise.all(Array.from({ length: 10 }, (_, i) => gc.enqueue(i)))
    expect(sizes).toEqual([4, 4, 2])
  })

  it('drains on close and refuses new items', async () => {
    const seen: number[] = []
    const gc = createGroupCommit<number>({ writeBatch: (items) => void seen.push(...items) })
    void gc.enqueue(1)
    await gc.close()
    expect(seen).toEqual([1])
    await expect(gc.enqueue(2)).rejects.toThrow('closed')
  })
})
