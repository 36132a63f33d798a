import { describe, expect, it } from 'vitest'
import { statementFormats } from './statementFormats'

describe('statementFormats', () => {
  it('offers the PDF only when the shell says it can print', () => {
    expect(statementFormats({ canPrintPdf: true })).toEqual(['html', 'pdf'])
    expect(statementFormats({ canPrintPdf: false })).toEqual(['html'])
  })

  it('offers only the HTML page while the shell has not answered (or failed to)', () => {
    expect(statementFormats(undefined)).toEqual(['html'])
  })
})
