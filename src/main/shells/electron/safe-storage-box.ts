// The desktop shell seals secrets with the OS keychain through Electron's safeStorage (Keychain on
// macOS, DPAPI on Windows, the Secret Service on Linux), so no key file sits on disk at all. Values
// a headless run sealed with the key file stay readable when that file is there.
import { existsSync } from 'node:fs'
import { loadKeyFile } from '../../secrets/key-file'
import { aesGcmBox, chainBoxes, SecretUnavailable, type SecretBox } from '../../secrets/secret-box'

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

const HEAD = 'enc:os:keychain:'

export function safeStorageBox(safeStorage: SafeStorageLike): SecretBox {
  return {
    keyId: 'keychain',
    seal: (plain) => HEAD + safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      if (!sealed.startsWith(HEAD)) throw new SecretUnavailable(sealed.split(':')[2] ?? 'none')
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(HEAD.length), 'base64'))
      } catch {
        // Another user's or machine's keychain: as unreadable as a missing key file.
        throw new SecretUnavailable('keychain')
      }
    },
  }
}

/**
 * The OS keychain when it works; otherwise (a Linux desktop without a keyring) the key file, exactly
 * as the headless shell does, rather than storing secrets in plain text.
 */
export function desktopSecretBox(safeStorage: SafeStorageLike, keyFile: string): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  const primary = safeStorageBox(safeStorage)
  return existsSync(keyFile) ? chainBoxes(primary, aesGcmBox(loadKeyFile(keyFile))) : primary
}
