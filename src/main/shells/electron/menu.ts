// The application menu as a pure template, so what each item does (and which items exist in a
// packaged build) is tested without Electron; installMenu is the only line that touches Electron.
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuOptions {
  platform: NodeJS.Platform
  isPackaged: boolean
  openDataFolder(): void
  showAbout(): void
}

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (isMac) template.push({ role: 'appMenu' })
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Open Data Folder', click: () => opts.openDataFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        // Dev tools can run any code with the bridge's reach; a shipped build keeps them closed.
        ...(opts.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Affiliate Desk', click: () => opts.showAbout() }],
    },
  )
  return template
}

export interface MenuStatics<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M
  setApplicationMenu(menu: M): void
}

export function installMenu<M>(menu: MenuStatics<M>, template: MenuItemConstructorOptions[]): void {
  menu.setApplicationMenu(menu.buildFromTemplate(template))
}
