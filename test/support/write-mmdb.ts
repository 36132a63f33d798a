// A minimal MaxMind DB (v2) writer, test support only: builds a real .mmdb holding a few
// networks so the geo lookup is tested against the same reader and file format users supply.
// Spec: https://maxmind.github.io/MaxMind-DB/
import { parseIp } from '../../src/main/tracking/ip'

type Value = string | number | bigint | Value[] | { [key: string]: Value }

function control(type: number, size: number): Buffer {
  if (size >= 29) throw new Error('test writer supports only small values')
  return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7])
}

function uintBytes(n: bigint): Buffer {
  const bytes: number[] = []
  for (let v = n; v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn))
  return Buffer.from(bytes)
}

function encode(value: Value, uintType: 'u16' | 'u32' | 'u64' = 'u32'): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8')
    return Buffer.concat([control(2, bytes.length), bytes])
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const bytes = uintBytes(BigInt(value))
    const type = { u16: 5, u32: 6, u64: 9 }[uintType]
    return Buffer.concat([control(type, bytes.length), bytes])
  }
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map((v) => encode(v))])
  const entries = Object.entries(value)
  return Buffer.concat([
    control(7, entries.length),
    ...entries.flatMap(([k, v]) => [encode(k), encode(v, UINT_TYPES[k])]),
  ])
}

const UINT_TYPES: Record<string, 'u16' | 'u32' | 'u64'> = {
  record_size: 'u16',
  ip_version: 'u16',
  binary_format_major_version: 'u16',
  binary_format_minor_version: 'u16',
  build_epoch: 'u64',
}

interface Node {
  child: [Node | number | null, Node | number | null] // number = offset in the data section
}

function bitsOf(cidr: string): number[] {
  const [addr, p] = cidr.split('/') as [string, string]
  const ip = parseIp(addr)
  if (!ip) throw new Error(cidr)
  // IPv4 networks live under ::/96 in an IPv6 tree.
  const words = ip.version === 4 ? [0, 0, 0, ip.value] : [...ip.words]
  const prefix = Number(p) + (ip.version === 4 ? 96 : 0)
  const bits: number[] = []
  for (let i = 0; i < prefix; i++) bits.push((words[i >> 5]! >>> (31 - (i & 31))) & 1)
  return bits
}

/** Builds an IPv6-tree database with 24-bit records mapping each CIDR to its data record. */
export function writeMmdb(networks: Record<string, Value>, databaseType = 'Test-Country'): Buffer {
  const dataParts: Buffer[] = []
  let dataSize = 0
  const root: Node = { child: [null, null] }
  for (const [cidr, record] of Object.entries(networks)) {
    const bytes = encode(record)
    const offset = dataSize
    dataParts.push(bytes)
    dataSize += bytes.length
    const bits = bitsOf(cidr)
    if (bits.length === 0) throw new Error('no /0 networks in the test writer')
    let node = root
    for (let i = 0; i < bits.length - 1; i++) {
      const b = bits[i]!
      let next = node.child[b]
      if (typeof next !== 'object' || next === null) {
        next = { child: [null, null] }
        node.child[b] = next
      }
      node = next
    }
    node.child[bits[bits.length - 1]!] = offset
  }

  const nodes: Node[] = []
  const number = new Map<Node, number>()
  const visit = (n: Node): void => {
    number.set(n, nodes.length)
    nodes.push(n)
    for (const c of n.child) if (c && typeof c === 'object') visit(c)
  }
  visit(root)
  const nodeCount = nodes.length
  const record = (c: Node | number | null): number =>
    c === null ? nodeCount : typeof c === 'number' ? nodeCount + 16 + c : number.get(c)!
  const tree = Buffer.alloc(nodeCount * 6)
  nodes.forEach((n, i) => {
    tree.writeUIntBE(record(n.child[0]), i * 6, 3)
    tree.writeUIntBE(record(n.child[1]), i * 6 + 3, 3)
  })

  const metadata = encode({
    node_count: nodeCount,
    record_size: 24,
    ip_version: 6,
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_700_000_000n,
    description: { en: 'test database' },
  })
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    ...dataParts,
    Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'),
    metadata,
  ])
}
