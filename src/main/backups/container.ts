// The portable export: one file that carries a verified SQLite backup and a small manifest.
//
//   "AFFILIATE-DESK-EXPORT\n"  magic (22 bytes)
//   uint32 big-endian           length of the manifest
//   manifest                    UTF-8 JSON (ExportManifest)
//   the SQLite database         the rest of the file, byte for byte
//
// Why this and not tar or a table inside the database: a length-prefixed header needs no
// dependency and ~50 lines; the database stays untouched (a manifest table would change the schema
// the migrations know, and could not hold a checksum of itself); and the checksum over the database
// bytes lets an import refuse a truncated or altered transfer before anything is replaced.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { z } from 'zod'

const MAGIC = Buffer.from('AFFILIATE-DESK-EXPORT\n', 'latin1')
const MAX_MANIFEST = 64 * 1024

export const exportManifestSchema = z.object({
  format: z.literal(1),
  appVersion: z.string(),
  /** drizzle's migration count and newest migration time in the database. */
  schema: z.object({ migrations: z.number().int(), lastMigrationAt: z.number() }),
  createdAt: z.number().int(),
  databaseBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * Secrets travel as stored. When secrets are encrypted at rest, `encrypted` is true and keyId names
   * the key (a safeStorage key or a key file) that an import on another machine must be given.
   */
  secrets: z.object({ encrypted: z.boolean(), keyId: z.string().nullable() }),
})
export type ExportManifest = z.infer<typeof exportManifestSchema>

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

export async function isExportFile(file: string): Promise<boolean> {
  const fh = await open(file, 'r')
  try {
    const head = Buffer.alloc(MAGIC.length)
    const { bytesRead } = await fh.read(head, 0, MAGIC.length, 0)
    return bytesRead === MAGIC.length && head.equals(MAGIC)
  } finally {
    await fh.close()
  }
}

/** Writes `out` from a verified database file; the manifest's size and checksum are computed here. */
export async function writeExport(
  databaseFile: string,
  out: string,
  manifest: Omit<ExportManifest, 'databaseBytes' | 'sha256' | 'format'>,
): Promise<ExportManifest> {
  const full: ExportManifest = {
    ...manifest,
    format: 1,
    databaseBytes: (await stat(databaseFile)).size,
    sha256: await sha256File(databaseFile),
  }
  const json = Buffer.from(JSON.stringify(full), 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(json.length)
  const sink = createWriteStream(out, { flags: 'wx' })
  sink.write(Buffer.concat([MAGIC, len, json]))
  await pipeline(createReadStream(databaseFile), sink)
  return full
}

export class ExportFormatError extends Error {}

/** Reads the manifest and copies the database out to `databaseOut`, refusing a damaged file. */
export async function readExport(file: string, databaseOut: string): Promise<ExportManifest> {
  const fh = await open(file, 'r')
  let manifest: ExportManifest
  let offset: number
  try {
    const head = Buffer.alloc(MAGIC.length + 4)
    const { bytesRead } = await fh.read(head, 0, head.length, 0)
    if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new ExportFormatError('This is not an Affiliate Desk export file.')
    }
    const len = head.readUInt32BE(MAGIC.length)
    if (len > MAX_MANIFEST) throw new ExportFormatError('The export file is damaged (manifest too large).')
    const json = Buffer.alloc(len)
    await fh.read(json, 0, len, head.length)
    const parsed = exportManifestSchema.safeParse(
      (() => {
        try {
          return JSON.parse(json.toString('utf8')) as unknown
        } catch {
          return null
        }
      })(),
    )
    if (!parsed.success) throw new ExportFormatError('The export file is damaged (unreadable manifest).')
    manifest = parsed.data
    offset = head.length + len
    const size = (await fh.stat()).size
    if (size - offset !== manifest.databaseBytes) {
      throw new ExportFormatError(
        `The export file is incomplete: it holds ${size - offset} bytes of data, its manifest says ${manifest.databaseBytes}.`,
      )
    }
  } finally {
    await fh.close()
  }
  const hash = createHash('sha256')
  const sink = createWriteStream(databaseOut, { flags: 'wx' })
  const source = createReadStream(file, { start: offset })
  source.on('data', (chunk) => hash.update(chunk))
  await pipeline(source, sink)
  if (hash.digest('hex') !== manifest.sha256) {
    throw new ExportFormatError('The export file is damaged: its checksum does not match.')
  }
  return manifest
}
