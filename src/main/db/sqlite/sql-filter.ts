// Optional equality/range filters for list screens: a clause is kept only when its value is given.
export interface Filter {
  /** The clauses joined by AND, without WHERE; '' when none applies. */
  sql: string
  params: (string | number)[]
}

export function filter(pairs: [clause: string, value: string | number | undefined][]): Filter {
  const parts: string[] = []
  const params: (string | number)[] = []
  for (const [clause, value] of pairs) {
    if (value === undefined) continue
    parts.push(clause)
    params.push(value)
  }
  return { sql: parts.join(' AND '), params }
}
