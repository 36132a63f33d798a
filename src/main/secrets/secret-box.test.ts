import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultKeyFile, loadKeyFile } from './key-file'
import { aesGcmBox, chainBoxes, isSealed, sealer, sealedKeyId, SecretUnavailable } from './secret-box'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'keys-'))
  dirs.push(d)
  return d
}

describe('aesGcmBox', () => {
  const box = aesGcmBox(randomBytes(32))

  it('opens what it sealed, and never seals the same text the same way twice', () => {
    const secret = 'f00d'.repeat(16)
    const a = box.seal(secret)
    const b = box.seal(secret)
    expect(a).not.toBe(b)
    expect(a).not.toContain(secret)
    expect(isSealed(a)).toBe(true)
    expect(sealedKeyId(a)).toBe(box.keyId)
    expect(box.open(a)).toBe(secret)
    expect(box.open(box.seal('é ✓ 😀'))).toBe('é ✓ 😀')
  })

  it('refuses a value sealed with another key, and one that was altered', () => {
    const other = aesGcmBox(randomBytes(32))
    expect(() => other.open(box.seal('x'))).toThrow(SecretUnavailable)
    const sealed = box.seal('secret value')
    const last = sealed.at(-2) === 'A' ? 'B' : 'A'
    const tampered = sealed.slice(0, -2) + last + sealed.at(-1)
    expect(() => box.open(tampered)).toThrow()
    expect(sealer(box).tryOpen(tampered)).toBeNull()
    expect(sealer(other).tryOpen(sealed)).toBeNull()
  })

  it('passes values from before sealing through unchanged, so they can be sealed in place', () => {
    expect(sealer(box).tryOpen('plain-old-secret')).toBe('plain-old-secret')
  })

  it('opens with whichever key of a chain sealed the value, and seals with the first', () => {
    const old = aesGcmBox(randomBytes(32))
    const chain = chainBoxes(box, old)
    expect(chain.open(old.seal('from headless'))).toBe('from headless')
    expect(box.open(chain.seal('new'))).toBe('new')
    expect(() => chain.open(aesGcmBox(randomBytes(32)).seal('x'))).toThrow(SecretUnavailable)
  })
})

describe('the key file', () => {
  it('lives beside the data folder, never inside it', () => {
    expect(defaultKeyFile('/home/me/Affiliate Desk')).toBe('/home/me/Affiliate Desk.key')
  })

  it('is created once with mode 0600 and then read back, never replaced', () => {
    const file = join(temp(), 'nested', 'program.key')
    const logs: string[] = []
    const key = loadKeyFile(file, (m) => logs.push(m))
    expect(key).toHaveLength(32)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(loadKeyFile(file).equals(key)).toBe(true)
    expect(logs).toHaveLength(1)
  })

  it('is tightened when others can read it', () => {
    if (process.platform === 'win32') return
    const file = join(temp(), 'loose.key')
    writeFileSync(file, randomBytes(32).toString('hex'))
    chmodSync(file, 0o644)
    const logs: string[] = []
    loadKeyFile(file, (m) => logs.push(m))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(logs.join()).toMatch(/readable by others/)
  })

  it('refuses a file that is not a key instead of sealing with garbage', () => {
    const file = join(temp(), 'wrong.key')
    writeFileSync(file, 'not a key\n', { mode: 0o600 })
    expect(() => loadKeyFile(file)).toThrow(/not an Affiliate Desk key file/)
    expect(readFileSync(file, 'utf8')).toBe('not a key\n')
  })
})
