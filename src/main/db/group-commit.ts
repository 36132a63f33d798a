// Natural batching for durable writes: everything that arrives while one batch is being written
// goes into the next transaction. The flush is scheduled with setImmediate, never a timer, because a
// timer caps throughput at (connections / period) while this keeps the disk busy without making
// anyone wait for a clock (see shared/reference/performance-notes.md). Each caller's promise
// settles only after the transaction holding its item has committed.

export interface GroupCommit<T, R> {
  /** Resolves with the item's result once its batch has committed; rejects if that batch failed. */
  enqueue(item: T): Promise<R>
  /** Resolves once everything enqueued so far has been written. */
  flush(): Promise<void>
  /** Writes what is queued and refuses new items. */
  close(): Promise<void>
  readonly pending: number
}

interface Waiter<T, R> {
  item: T
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

export function createGroupCommit<T, R = void>(opts: {
  /** Writes a whole batch in one transaction and returns one result per item, in order. */
  writeBatch: (items: T[]) => R[] | void
  maxBatch?: number
}): GroupCommit<T, R> {
  const maxBatch = opts.maxBatch ?? 5000
  let queue: Waiter<T, R>[] = []
  let scheduled = false
  let closed = false
  let idle: (() => void)[] = []

  const run = () => {
    scheduled = false
    while (queue.length) {
      const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue
      if (batch === queue) queue = []
      const items = batch.map((w) => w.item)
      let results: R[] | void
      try {
        results = opts.writeBatch(items)
      } catch (err) {
        for (const w of batch) w.reject(err)
        continue
      }
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve((results ? results[i] : undefined) as R)
      // Yield between chunks so responses for the committed chunk go out before the next one is written.
      if (queue.length) {
        schedule()
        return
      }
    }
    const waiting = idle
    idle = []
    for (const done of waiting) done()
  }

  const schedule = () => {
    if (!scheduled) {
      scheduled = true
      setImmediate(run)
    }
  }

  return {
    enqueue(item) {
      if (closed) return Promise.reject(new Error('The writer is closed'))
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        schedule()
      })
    },
    flush() {
      if (!queue.length && !scheduled) return Promise.resolve()
      return new Promise<void>((resolve) => idle.push(resolve))
    },
    async close() {
      closed = true
      await this.flush()
    },
    get pending() {
      return queue.length
    },
  }
}
