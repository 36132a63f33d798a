// Whether the main process can write its data folder. A call answered `unavailable` (disk full,
// read-only folder) raises an alert that stays on every page until the same kind of call succeeds
// again, so the owner is not left guessing why saves do nothing while reads still work.

type Listener = () => void

export function createStorageHealth() {
  const failing = new Map<string, string>()
  const listeners = new Set<Listener>()
  const notify = () => listeners.forEach((l) => l())
  let snapshot: string | null = null
  const refresh = () => {
    snapshot = failing.size ? [...failing.values()].at(-1)! : null
    notify()
  }
  return {
    subscribe(listener: Listener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** The message to show, or null when every failed call has since succeeded. */
    alert: (): string | null => snapshot,
    failed(method: string, message: string): void {
      failing.set(method, message)
      refresh()
    },
    succeeded(method: string): void {
      if (failing.delete(method)) refresh()
    },
  }
}

export type StorageHealth = ReturnType<typeof createStorageHealth>

export const storageHealth = createStorageHealth()
