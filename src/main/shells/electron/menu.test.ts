import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { FakeMenu } from '../../../../test/support/electron-fakes'
import { buildMenuTemplate, installMenu, type MenuOptions } from './menu'

function options(over: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'linux', isPackaged: true, openDataFolder: vi.fn(), showAbout: vi.fn(), ...over }
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label)
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`)
  return menu.submenu as MenuItemConstructorOptions[]
}

function click(item: MenuItemConstructorOptions | undefined): void {
  ;(item?.click as (() => void) | undefined)?.()
}

const roles = (items: MenuItemConstructorOptions[]): unknown[] => items.map((i) => i.role).filter(Boolean)

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    expect(buildMenuTemplate(options()).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help'])
  })

  it('opens the data folder and quits from File', () => {
    const opts = options()
    const file = submenu(buildMenuTemplate(opts), '&File')
    click(file.find((i) => i.label === 'Open Data Folder'))
    expect(opts.openDataFolder).toHaveBeenCalledOnce()
    expect(roles(file)).toEqual(['quit'])
  })

  it('offers the standard editing roles', () => {
    expect(roles(submenu(buildMenuTemplate(options()), '&Edit'))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ])
  })

  it('offers dev tools only in an unpackaged build', () => {
    expect(roles(submenu(buildMenuTemplate(options({ isPackaged: true })), '&View'))).not.toContain(
      'toggleDevTools',
    )
    expect(roles(submenu(buildMenuTemplate(options({ isPackaged: false })), '&View'))).toContain(
      'toggleDevTools',
    )
    expect(roles(submenu(buildMenuTemplate(options()), '&View'))).toContain('reload')
  })

  it('shows About from Help', () => {
    const opts = options()
    click(submenu(buildMenuTemplate(opts), '&Help')[0])
    expect(opts.showAbout).toHaveBeenCalledOnce()
  })

  it('follows macOS conventions: an app menu first, Close in File', () => {
    const template = buildMenuTemplate(options({ platform: 'darwin' }))
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(roles(submenu(template, '&File'))).toEqual(['close'])
  })
})

describe('installMenu', () => {
  it('builds the template and makes it the application menu', () => {
    const menu = new FakeMenu()
    const template = buildMenuTemplate(options())
    installMenu(menu, template)
    expect(menu.installed?.template).toBe(template)
  })
})
