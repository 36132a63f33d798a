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
      // Its outcome (ok or failed) is kept for backups.status; a refusal while shutting down is not news.
      backups.run('manual').catch(() => {})
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
