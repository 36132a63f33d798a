import { describe, expect, it } from 'vitest'
import { schemaIssues } from '../../forms/validate'
import { issuesToFieldErrors } from '../../forms/fieldErrors'
import {
  advertiserToForm,
  linesToList,
  listFieldError,
  placedPaths,
  toAdvertiserUpdate,
} from './advertiserForm'

describe('advertiser form', () => {
  it('edits lists one entry per line', () => {
    const form = advertiserToForm({
      id: 1,
      name: 'Acme',
      signingMode: 'params',
      allowedIps: ['10.0.0.1', '192.168.0.0/24'],
      secretReadable: true,
      allowedOrigins: [],
      createdAt: 0,
    })
    expect(form.allowedIps).toBe('10.0.0.1\n192.168.0.0/24')
    expect(linesToList('  a \n\n b\r\n')).toEqual(['a', 'b'])
    expect(toAdvertiserUpdate(1, { ...form, allowedOrigins: 'https://shop.example.com\n' })).toEqual({
      id: 1,
      name: 'Acme',
      signingMode: 'params',
      allowedIps: ['10.0.0.1', '192.168.0.0/24'],
      allowedOrigins: ['https://shop.example.com'],
    })
  })

  it('shows an entry error on its list, naming the line', () => {
    const input = toAdvertiserUpdate(1, {
      name: 'Acme',
      signingMode: 'params',
      allowedIps: '',
      allowedOrigins: 'https://ok.example.com\nnot a url',
    })
    const errors = issuesToFieldErrors(schemaIssues('advertisers.update', input))
    expect(listFieldError(errors, 'allowedOrigins')).toMatch(/^Line 2: /)
    expect(listFieldError({ allowedIps: 'bad CIDR' }, 'allowedIps')).toBe('bad CIDR')
    expect(listFieldError({}, 'allowedIps')).toBeUndefined()
    expect(placedPaths(errors, ['allowedOrigins'])).toEqual(['allowedOrigins.1'])
  })
})
