// Saving a file the app produced (a payout file, a statement, a report) where the user chooses.
// Only the desktop shell answers it, with its native save dialog; in a browser the renderer
// downloads instead (renderer/api/saveFile.ts), so headless mode reports `not_found` here.
import { z } from 'zod'
import { method } from './common'

/** Generous for a 50,000-affiliate bookkeeping export, small enough to refuse a runaway call. */
export const MAX_SAVED_FILE_CHARS = 64 * 1024 * 1024

export const fileMethods = {
  'files.save': method(
    z
      .object({
        /** Suggested file name only: the user picks the folder (and may rename it). */
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .regex(/^[^/\\:*?"<>|\0]+$/, 'A file name, without folders'),
        mediaType: z.string().max(100),
        content: z.string().max(MAX_SAVED_FILE_CHARS),
      })
      .strict(),
    /** saved=false when the user cancelled the dialog. */
    z.object({ saved: z.boolean(), path: z.string().nullable() }),
  ),
} as const
