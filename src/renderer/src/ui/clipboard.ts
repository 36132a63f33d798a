// Copying to the clipboard. navigator.clipboard needs a secure context and, in some browsers, a
// permission; when it is missing or refuses, we try the old selection-based copy, and when that fails
// too we say how to copy by hand rather than pretending it worked.

export type CopyResult = { ok: true } | { ok: false; message: string }

export const MANUAL_COPY_MESSAGE = 'Copying is blocked here: select the text and press Ctrl+C (⌘C on a Mac).'

export interface ClipboardDeps {
  writeText?: ((text: string) => Promise<void>) | undefined
  /** The selection-based fallback; returns whether the browser reported success. */
  legacyCopy?: ((text: string) => boolean) | undefined
}

export async function copyWith(text: string, deps: ClipboardDeps): Promise<CopyResult> {
  if (deps.writeText) {
    try {
      await deps.writeText(text)
      return { ok: true }
    } catch {
      // fall through to the legacy path
    }
  }
  try {
    if (deps.legacyCopy?.(text)) return { ok: true }
  } catch {
    // reported below
  }
  return { ok: false, message: MANUAL_COPY_MESSAGE }
}

function legacyCopy(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'clipboard-scratch'
  document.body.append(area)
  area.select()
  try {
    // Deprecated, but still the only fallback when the async clipboard is unavailable.
    return document.execCommand('copy')
  } finally {
    area.remove()
  }
}

export function copyText(text: string): Promise<CopyResult> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined
  return copyWith(text, {
    writeText: clipboard ? (t) => clipboard.writeText(t) : undefined,
    legacyCopy,
  })
}

/** Selects an element's text, so after a failed copy the owner only has to press Ctrl+C. */
export function selectContents(element: HTMLElement | null): void {
  if (!element) return
  const selection = window.getSelection()
  if (!selection) return
  const range = document.createRange()
  range.selectNodeContents(element)
  selection.removeAllRanges()
  selection.addRange(range)
}
