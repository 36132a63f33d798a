// Secrets at rest (advertisers' postback secrets and tokens today; API keys, webhook secrets and
// payout credentials as they arrive): the database holds only sealed values, so a copied database
// file or a backup leaks nothing without the key, which lives elsewhere (a key file outside the data
// folder in headless mode, the OS keychain through Electron's safeStorage on the desktop).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

export interface SecretBox {
  /** Names the key a value was sealed with, so a restore elsewhere can say which key it needs. */
  readonly keyId: string
  seal(plain: string): string
  /** Throws SecretUnavailable when the value was sealed with a key this box does not have. */
  open(sealed: string): string
}

/** What the store needs: it imports only types from here, so unavailability is a null, not a class. */
export interface SecretSealer {
  readonly keyId: string
  seal(plain: string): string
  /** The plain value, the value itself when it was never sealed, or null when this machine lacks its key. */
  tryOpen(value: string): string | null
}

export function sealer(box: SecretBox): SecretSealer {
  return {
    keyId: box.keyId,
    seal: (plain) => box.seal(plain),
    tryOpen(value) {
      if (!isSealed(value)) return value
      try {
        return box.open(value)
      } catch (err) {
        if (err instanceof SecretUnavailable) return null
        // A value that fails its authentication tag was altered: as unusable as a missing key.
        if (err instanceof Error && /auth/i.test(err.message)) return null
        throw err
      }
    },
  }
}

/** A sealed value this machine cannot open: restored from elsewhere without its key. */
export class SecretUnavailable extends Error {
  constructor(readonly keyId: string) {
    super(`sealed with key ${keyId}, which this machine does not have`)
    this.name = 'SecretUnavailable'
  }
}

const PREFIX = 'enc:'
export const isSealed = (value: string): boolean => value.startsWith(PREFIX)

/** The key id inside a sealed value (`enc:<scheme>:<keyId>:...`), for messages; null if unsealed. */
export function sealedKeyId(value: string): string | null {
  if (!isSealed(value)) return null
  return value.split(':')[2] ?? null
}

const IV_BYTES = 12
const TAG_BYTES = 16

/** AES-256-GCM with a random 96-bit nonce per value: `enc:v1:<keyId>:<base64(iv | tag | ciphertext)>`. */
export function aesGcmBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes')
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12)
  const head = `${PREFIX}v1:${keyId}:`
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(head))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return head + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(head)) throw new SecretUnavailable(sealedKeyId(sealed) ?? 'none')
      const raw = Buffer.from(sealed.slice(head.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAAD(Buffer.from(head))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}

/** Seals with the first box; opens with whichever box holds the value's key (after a shell switch). */
export function chainBoxes(primary: SecretBox, ...others: SecretBox[]): SecretBox {
  return {
    keyId: primary.keyId,
    seal: (plain) => primary.seal(plain),
    open(sealed) {
      for (const box of [primary, ...others]) {
        try {
          return box.open(sealed)
        } catch (err) {
          if (!(err instanceof SecretUnavailable)) throw err
        }
      }
      throw new SecretUnavailable(sealedKeyId(sealed) ?? 'none')
    },
  }
}
