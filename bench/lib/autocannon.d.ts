// autocannon ships no types; the benchmark uses only the call below.
declare module 'autocannon' {
  const run: (opts: Record<string, unknown>) => Promise<unknown>
  export default run
}
