import { PageHeader } from '../ui/PageHeader'

/** Shown by the headless shell when we have no session token, or the server rejected it. */
export function TokenMissingPage() {
  return (
    <main className="token-page">
      <div className="token-card">
        <PageHeader title="Affiliate Desk" />
        <p className="token-lead" role="alert">
          Open the URL printed by <code>affiliate-desk serve</code> (it contains the session token).
        </p>
        <p className="token-note">
          The browser interface only answers requests carrying the token of the running server. It changes
          every time the server starts, so an old bookmark or a tab from an earlier run stops working.
        </p>
      </div>
    </main>
  )
}
