import { describe, expect, it } from 'vitest'
import { publicUrlProblem } from './publicUrl'

describe('publicUrlProblem', () => {
  it('is quiet for a public address', () => {
    expect(
      publicUrlProblem({ publicBaseUrl: 'https://track.example.com', listenerUrl: 'http://127.0.0.1:8787' }),
    ).toBeNull()
  })

  it('warns when a loopback URL misses the listener port', () => {
    expect(
      publicUrlProblem({ publicBaseUrl: 'http://127.0.0.1:8787', listenerUrl: 'http://127.0.0.1:39007' }),
    ).toMatch(/reach nothing/)
  })

  it('says a loopback URL on the right port works on this machine only', () => {
    expect(
      publicUrlProblem({ publicBaseUrl: 'http://localhost:8787', listenerUrl: 'http://127.0.0.1:8787' }),
    ).toMatch(/this machine only/)
  })

  it('says when the listener is not running', () => {
    expect(publicUrlProblem({ publicBaseUrl: 'https://x.example.com', listenerUrl: null })).toMatch(
      /not running/,
    )
  })
})
