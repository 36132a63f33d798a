import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeSafeStorage } from '../../../../test/support/electron-fakes'
import { loadKeyFile } from '../../secrets/key-file'
import { aesGcmBox, SecretUnavailable } from '../../secrets/secret-box'
import { desktopSecretBox, safeStorageBox } from './safe-storage-box'

describe('the desktop secret box', () => {
  it('seals through the OS keychain and opens it back', () => {
    const box = safeStorageBox(new FakeSafeStorage())
    const sealed = box.seal('s3cret-value')
    expect(sealed).toMatch(/^enc:os:keychain:/)
    expect(sealed).not.toContain('s3cret-value')
    expect(box.open(sealed)).toBe('s3cret-value')
  })

  it("treats another keychain's value as unavailable, not as a crash", () => {
    const box = safeStorageBox(new FakeSafeStorage())
    expect(() => box.open('enc:os:keychain:' + Buffer.from('garbage').toString('base64'))).toThrow(
      SecretUnavailable,
    )
  })

  it('falls back to the key file where there is no keyring, and reads headless values where there is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'))
    try {
      expect(desktopSecretBox(new FakeSafeStorage(false), join(dir, 'x.key'))).toBeUndefined()
      const keyFile = join(dir, 'program.key')
      writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 })
      const headless = aesGcmBox(loadKeyFile(keyFile))
      const box = desktopSecretBox(new FakeSafeStorage(), keyFile)!
      expect(box.open(headless.seal('sealed while headless'))).toBe('sealed while headless')
      expect(box.seal('new')).toMatch(/^enc:os:keychain:/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
