import { useSyncExternalStore } from 'react'
import { storageHealth } from '../api/storageHealth'

/** Shown above every page while the data folder refuses writes; reads keep working meanwhile. */
export function StorageAlert() {
  const message = useSyncExternalStore(storageHealth.subscribe, storageHealth.alert)
  if (!message) return null
  return (
    <div className="storage-alert" role="alert">
      <strong>Changes are not being saved.</strong> {message}
    </div>
  )
}
