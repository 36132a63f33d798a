import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/ApiError'
import { moveErrorMessage, uplinePath } from './hierarchy'

describe('uplinePath', () => {
  it('lists from the top down to the parent', () => {
    const node = (code: string, depth: number) => ({
      id: depth,
      code,
      name: code,
      status: 'approved' as const,
      parentId: null,
      depth,
    })
    expect(uplinePath([node('P', 1), node('G', 2), node('TOP', 3)]).map((n) => n.code)).toEqual([
      'TOP',
      'G',
      'P',
    ])
  })
})

describe('moveErrorMessage', () => {
  it('explains a loop with codes', () => {
    const err = new ApiError(
      'conflict',
      'Affiliate 5 is in the downline of affiliate 3; moving 3 under it would make a loop',
    )
    expect(moveErrorMessage(err, 'ADA', 'BOB')).toMatch(
      /^BOB is in ADA’s downline, so ADA cannot move under it/,
    )
    expect(
      moveErrorMessage(new ApiError('conflict', 'Affiliate 3 cannot be its own parent'), 'ADA', 'ADA'),
    ).toBe('ADA cannot be its own parent.')
  })

  it('passes other errors through', () => {
    expect(moveErrorMessage(new ApiError('not_found', 'Affiliate 9 does not exist'), 'ADA', 'X')).toBe(
      'Affiliate 9 does not exist',
    )
  })
})
