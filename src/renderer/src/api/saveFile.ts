// Saving a file the app produced: the desktop shell asks where with its native dialog (files.save
// over the contract); a browser downloads it (Blob + a[download]), which needs no server round trip.
import type { ApiClient } from './client'

export interface FileToSave {
  name: string
  mediaType: string
  content: string
}

/** What happened, for the page to announce: saved to a path, downloaded, or cancelled. */
export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'cancelled' }

export type Download = (file: FileToSave) => void

export function browserDownload(file: FileToSave): void {
  const blob = new Blob([file.content], { type: `${file.mediaType};charset=utf-8` })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked on the next turn: Chromium has read the Blob by then; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function createFileSaver(opts: {
  headless: boolean
  api: Pick<ApiClient, 'call'>
  download?: Download
}): (file: FileToSave) => Promise<SaveOutcome> {
  const download = opts.download ?? browserDownload
  return async (file) => {
    if (opts.headless) {
      download(file)
      return { kind: 'downloaded' }
    }
    const r = await opts.api.call('files.save', file)
    return r.saved && r.path !== null ? { kind: 'saved', path: r.path } : { kind: 'cancelled' }
  }
}

export function describeSave(outcome: SaveOutcome, name: string): string {
  switch (outcome.kind) {
    case 'saved':
      return `Saved ${outcome.path}`
    case 'downloaded':
      return `Downloaded ${name}`
    case 'cancelled':
      return `Not saved: ${name}`
  }
}
