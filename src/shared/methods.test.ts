import { describe, expect, it } from 'vitest'
import { contract } from './contract'
import { METHOD_NAMES } from './methods'

// The preload allow-lists METHOD_NAMES without loading the contract, so the two lists must agree.
describe('METHOD_NAMES', () => {
  it('names every contract method, and nothing else', () => {
    const contractNames = Object.keys(contract).sort()
    expect([...METHOD_NAMES].sort()).toEqual(contractNames)
  })

  it('has no duplicates', () => {
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length)
  })
})
