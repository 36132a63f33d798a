import { randomBytes } from 'node:crypto'
import { AppError } from '../../shared/errors'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Short, unambiguous codes (no 0/O, 1/I) because people read them out and type them. */
export function generateCode(): string {
  const bytes = randomBytes(8)
  let out = ''
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return out
}

/**
 * Uses the caller's code when given. Otherwise generates one, and because a generated code can
 * (rarely) collide with an existing one, tries a few times before giving up with the conflict.
 */
export async function withCode<T>(
  given: string | undefined,
  create: (code: string) => Promise<T>,
): Promise<T> {
  if (given) return create(given)
  for (let attempt = 0; ; attempt++) {
    try {
      return await create(generateCode())
    } catch (err) {
      if (attempt >= 4 || !(err instanceof AppError) || err.code !== 'conflict') throw err
    }
  }
}
