import type { HandlerContext, HandlerGroup } from './types'

export function backupHandlers(
  ctx: HandlerContext,
): HandlerGroup<
  'backups.status' | 'backups.run' | 'backups.restore' | 'backups.cancelRestore' | 'backups.export'
> {
  const { backups } = ctx
  return {
    'backups.status': () => backups.status(),
    'backups.run': async () => {
      const already = (await backups.status()).running !== null
      // The backup goes on after the answer; the UI follows it with backups.status.
      void backups.run('manual')
      return { started: !already }
    },
    'backups.restore': async ({ file, when }) =>
      when === 'now'
        ? { restored: true, message: await ctx.restoreNow(file) }
        : { restored: false, message: await backups.stageRestore(file) },
    'backups.cancelRestore': async () => ({ cancelled: backups.cancelRestore() }),
    'backups.export': ({ file }) => backups.exportTo(file),
  }
}
