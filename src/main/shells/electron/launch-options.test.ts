import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  bundlePaths,
  DATA_DIR_ENV,
  flagValue,
  launchOptions,
  LaunchOptionError,
  migrationsFolder,
} from './launch-options'

const fallback = () => '/home/u/.config/Affiliate Desk'

describe('launchOptions: data folder', () => {
  it('prefers --data-dir, then the environment, then the default', () => {
    const env = { [DATA_DIR_ENV]: '/from/env' }
    expect(launchOptions(['electron', '.', '--data-dir', '/from/arg'], env, fallback).dataDir).toBe(
      '/from/arg',
    )
    expect(launchOptions(['electron', '.'], env, fallback).dataDir).toBe('/from/env')
    expect(launchOptions(['electron', '.'], {}, fallback).dataDir).toBe('/home/u/.config/Affiliate Desk')
  })

  it('accepts --data-dir=DIR and makes relative folders absolute', () => {
    expect(launchOptions(['x', '--data-dir=rel/dir'], {}, fallback).dataDir).toBe(resolve('rel/dir'))
  })

  it('refuses a --data-dir without a folder', () => {
    expect(() => launchOptions(['x', '--data-dir'], {}, fallback)).toThrow(LaunchOptionError)
    expect(() => launchOptions(['x', '--data-dir', '--demo'], {}, fallback)).toThrow(
      /--data-dir needs a value/,
    )
    expect(() => launchOptions(['x', '--data-dir='], {}, fallback)).toThrow(/needs a folder path/)
  })

  it('does not call the default when a folder is given', () => {
    const boom = () => {
      throw new Error('should not be asked')
    }
    expect(launchOptions(['x', '--data-dir', '/d'], {}, boom).dataDir).toBe('/d')
  })
})

describe('launchOptions: listener port', () => {
  it('is absent unless asked for', () => {
    expect(launchOptions(['x'], {}, fallback)).toStrictEqual({ dataDir: fallback(), demo: false })
  })

  it('passes a valid port, including 0', () => {
    expect(launchOptions(['x', '--listener-port', '0'], {}, fallback).listenerPort).toBe(0)
    expect(launchOptions(['x', '--listener-port=8787'], {}, fallback).listenerPort).toBe(8787)
  })

  it.each(['-1', '65536', '80.5', 'http'])('refuses %s', (port) => {
    expect(() => launchOptions(['x', '--listener-port', port], {}, fallback)).toThrow(LaunchOptionError)
  })
})

describe('launchOptions: demo', () => {
  it('is on only with --demo', () => {
    expect(launchOptions(['x', '--demo'], {}, fallback).demo).toBe(true)
    expect(launchOptions(['x', '--demo-data'], {}, fallback).demo).toBe(false)
  })
})

describe('flagValue', () => {
  it('does not mistake a longer flag for the one asked', () => {
    expect(flagValue(['--data-dirs', '/x'], 'data-dir')).toBeUndefined()
  })
})

describe('migrationsFolder', () => {
  it('uses resources/drizzle when packaged and the repository folder otherwise', () => {
    const paths = { appPath: '/repo', resourcesPath: '/opt/app/resources' }
    expect(migrationsFolder({ ...paths, isPackaged: true })).toBe(join('/opt/app/resources', 'drizzle'))
    expect(migrationsFolder({ ...paths, isPackaged: false })).toBe(join('/repo', 'drizzle'))
  })
})

describe('bundlePaths', () => {
  it('finds the preload and renderer beside out/main', () => {
    expect(bundlePaths('/repo/out/main')).toStrictEqual({
      preload: join('/repo/out/preload/index.cjs'),
      renderer: join('/repo/out/renderer/index.html'),
    })
  })
})
