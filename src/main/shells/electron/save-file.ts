// files.save in the desktop shell: the native save dialog, then one write of the text (or of the
// bytes, for a PDF the shell printed). The dialog and the file system arrive as parameters, so this
// is tested with fakes under plain Node.
import { writeFile as nodeWriteFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { FileToSave, SaveFile } from '../../handlers'

export interface SaveDialogOptions {
  title: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
}

export interface SaveDialogLike {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
}

export interface SaveFileDeps {
  dialog: SaveDialogLike
  /** The folder the dialog opens in (the user's Downloads). */
  defaultDir: () => string
  writeFile?: (path: string, content: string | Uint8Array) => Promise<void>
}

const FILTERS: Record<string, string> = {
  '.csv': 'CSV',
  '.json': 'JSON',
  '.html': 'Web page',
  '.pdf': 'PDF',
}

function filtersFor(name: string): SaveDialogOptions['filters'] {
  const ext = extname(name).toLowerCase()
  const label = FILTERS[ext]
  const all = { name: 'All files', extensions: ['*'] }
  return label ? [{ name: label, extensions: [ext.slice(1)] }, all] : [all]
}

export function createSaveFile(deps: SaveFileDeps): SaveFile {
  const write =
    deps.writeFile ??
    ((path, content) =>
      typeof content === 'string' ? nodeWriteFile(path, content, 'utf8') : nodeWriteFile(path, content))
  return async (file: FileToSave) => {
    const choice = await deps.dialog.showSaveDialog({
      title: `Save ${file.name}`,
      // The contract allows no folder in the name, so this always lands in defaultDir.
      defaultPath: join(deps.defaultDir(), file.name),
      filters: filtersFor(file.name),
    })
    if (choice.canceled || !choice.filePath) return { saved: false, path: null }
    try {
      await write(choice.filePath, file.content)
    } catch (err) {
      // The user chose the place, so they may see why it failed (read-only folder, disk full).
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown error'
      throw new AppError('conflict', `Could not write ${choice.filePath} (${code})`)
    }
    return { saved: true, path: choice.filePath }
  }
}
