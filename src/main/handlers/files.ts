import { AppError } from '../../shared/errors'
import type { HandlerContext, HandlerGroup } from './types'

export function fileHandlers(ctx: HandlerContext): HandlerGroup<'files.save'> {
  return {
    'files.save': async (file) => {
      // The browser has no dialog to offer: the headless UI downloads the file itself.
      if (!ctx.saveFile) throw new AppError('not_found', 'This shell has no save dialog; download the file')
      return ctx.saveFile(file)
    },
  }
}
