// Natural batching for the click path's durable writes. Requests parsed in one turn of the event
// loop all enqueue into the same batch; the batch is written in one transaction on setImmediate,
// i.e. right after the poll phase that delivered them, and every request then answers. Anything
// arriving meanwhile goes into the next batch. No timer: a timer caps throughput at
// connections / period and makes every request wait for the clock (performance-notes.md).
//
// One promise per batch, shared by its items, rather than one per item: fewer allocations, and
// "every item of a failed batch rejects" holds by construction.

export interface GroupCommitOptions<T> {
  /** Writes all items in one transaction, synchronously; throws to fail the whole batch. */
  writeBatch: (items: T[]) => void
  /** Most items per transaction (default 1000); a larger backlog is written over several turns. */
  maxBatch?: number
  /** Told about every failed batch (items' promises reject too, but callers may not be listening). */
  onError: (error: unknown, items: readonly T[]) => void
}

export interface GroupCommit<T> {
  /** Resolves once the item's batch is committed; rejects with the batch's error. */
  enqueue(item: T): Promise<void>
  /** Writes everything enqueued so far, now; resolves when done (failures go to onError and the items' promises). */
  flush(): Promise<void>
  /** Refuses further items, then flushes. */
  close(): Promise<void>
  /** Items enqueued but not yet written. */
  readonly pending: number
}

interface Batch<T> {
  items: T[]
  promise: Promise<void>
  resolve: () => void
  reject: (err: unknown) => void
}

const noop = (): void => {}

export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const { writeBatch, onError } = options
  const maxBatch = options.maxBatch ?? 1000
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error('maxBatch must be a positive integer')

  const queue: Batch<T>[] = []
  let pending = 0
  let scheduled = false
  let writing = false
  let closed = false

  const newBatch = (): Batch<T> => {
    let resolve = noop
    let reject: (err: unknown) => void = noop
    const promise = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    // A fire-and-forget caller must not turn a failed write into an unhandled rejection (which
    // kills the process); the failure is reported through onError either way.
    promise.catch(noop)
    return { items: [], promise, resolve, reject }
  }

  const writeOne = (): void => {
    const batch = queue.shift()
    if (!batch) return
    writing = true
    try {
      writeBatch(batch.items)
      pending -= batch.items.length
      batch.resolve()
    } catch (err) {
      pending -= batch.items.length
      try {
        onError(err, batch.items)
      } catch {
        // A broken error reporter must not stop the writer.
      }
      batch.reject(err)
    } finally {
      writing = false
    }
  }

  const run = (): void => {
    scheduled = false
    writeOne()
    if (queue.length > 0) schedule()
  }

  const schedule = (): void => {
    if (!scheduled) {
      scheduled = true
      setImmediate(run)
    }
  }

  const flush = (): Promise<void> => {
    if (writing) {
      // Called from inside writeBatch: the current batch cannot be waited for synchronously.
      const last = queue[queue.length - 1]
      return last ? last.promise.then(noop, noop) : Promise.resolve()
    }
    while (queue.length > 0) writeOne()
    return Promise.resolve()
  }

  return {
    enqueue(item) {
      if (closed) return Promise.reject(new Error('Group commit is closed'))
      let batch = queue[queue.length - 1]
      if (batch === undefined || batch.items.length >= maxBatch) {
        batch = newBatch()
        queue.push(batch)
      }
      batch.items.push(item)
      pending++
      schedule()
      return batch.promise
    },
    flush,
    close() {
      closed = true
      return flush()
    },
    get pending() {
      return pending
    },
  }
}
