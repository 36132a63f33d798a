import { z } from 'zod'
import { method } from './common'

export const appMethods = {
  'app.info': method(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      dbFile: z.string(),
      shell: z.enum(['electron', 'headless']),
      /** Whether `payouts.statementPdf` works here: only a shell with a printer and a save dialog. */
      canPrintPdf: z.boolean(),
      listenerUrl: z.string().nullable(),
      publicBaseUrl: z.string(),
    }),
  ),
} as const
