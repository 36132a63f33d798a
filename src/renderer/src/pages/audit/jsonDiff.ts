// Flattens an audit entry's before/after JSON into one row per leaf path, so a change to a nested
// plan shows as `plan.rateBps: 1000 → 1250` rather than two walls of JSON.

export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged'

export interface DiffRow {
  path: string
  kind: DiffKind
  before?: unknown
  after?: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isObject(value)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value)
    if (entries.length === 0) out.set(prefix, value)
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out)
    return
  }
  out.set(prefix, value)
}

export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>()
  const b = new Map<string, unknown>()
  if (before !== null && before !== undefined) flatten(before, '', a)
  if (after !== null && after !== undefined) flatten(after, '', b)
  const paths = [...new Set([...a.keys(), ...b.keys()])]
  return paths.map((path) => {
    if (!a.has(path)) return { path, kind: 'added', after: b.get(path) }
    if (!b.has(path)) return { path, kind: 'removed', before: a.get(path) }
    const x = a.get(path)
    const y = b.get(path)
    return {
      path,
      kind: JSON.stringify(x) === JSON.stringify(y) ? 'unchanged' : 'changed',
      before: x,
      after: y,
    }
  })
}

export function showJson(value: unknown): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
}
