// The single boundary every contract call passes through, whatever carries it (IPC or HTTP):
// validate input, run the handler, validate output, and turn any failure into a wire error.
import { type z } from 'zod'
import { contract, type Handlers, type MethodName } from '../../shared/contract'
import { AppError, toWireError } from '../../shared/errors'
import type { Envelope } from '../../shared/methods'
import { storageFailure } from '../db/sqlite/sql-errors'

export type Dispatch = (method: string, rawInput: unknown) => Promise<Envelope<unknown>>

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

export function issuesOf(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

export function createDispatch(handlers: Handlers, log: (msg: string, err: unknown) => void): Dispatch {
  return async (method, rawInput) => {
    try {
      if (!isMethod(method)) throw new AppError('not_found', `Unknown method "${method}"`)
      const spec = contract[method]
      const parsed = spec.input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        const issues = issuesOf(parsed.error)
        const first = issues[0]
        throw new AppError(
          'invalid_input',
          first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input',
          issues,
        )
      }
      const handler = handlers[method] as (input: unknown) => Promise<unknown>
      const result = await handler(parsed.data)
      const out = spec.output.safeParse(result)
      if (!out.success) {
        log(`output of ${method} does not match the contract`, out.error)
        throw new Error('output validation failed')
      }
      return { ok: true, value: out.data }
    } catch (err) {
      const wire = toWireError(storageFailure(err) ?? err)
      if (wire.code === 'internal' || wire.code === 'unavailable') log(`${method} failed`, err)
      return { ok: false, error: wire }
    }
  }
}
