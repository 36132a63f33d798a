import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/ApiError'
import { validInput } from './useSaveForm'

describe('validInput', () => {
  it('hands back the input the schema accepts', () => {
    const input = { name: 'Acme', signingMode: 'params' as const }
    expect(validInput('advertisers.create', { input, issues: [] })).toBe(input)
  })

  it('refuses with the conversion issues and the schema issues of the other fields', () => {
    const input = { name: '', signingMode: 'params' as const }
    const converted = [{ path: 'signingMode', message: 'Pick a mode' }]
    let thrown: unknown
    try {
      validInput('advertisers.create', { input, issues: converted })
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(ApiError)
    const error = thrown as ApiError
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('Fix the highlighted fields and save again.')
    expect(error.issues.map((i) => i.path)).toEqual(['signingMode', 'name'])
  })
})
