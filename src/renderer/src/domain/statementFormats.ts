// Which forms of a payout statement the UI offers. The printable HTML page works everywhere (a
// browser prints it to PDF itself); a PDF made by the app only where the shell says it can print
// (app.info.canPrintPdf: the desktop shell), and not while that answer is still unknown.
export type StatementFormat = 'html' | 'pdf'

export function statementFormats(shell: { canPrintPdf: boolean } | undefined): StatementFormat[] {
  return shell?.canPrintPdf === true ? ['html', 'pdf'] : ['html']
}
