import { useState } from 'react'
import { AffiliatePicker, type AffiliateChoice } from './AffiliatePicker'

/**
 * A toolbar filter on one affiliate, for the server tables (links, ledger, balances, conversions).
 * It keeps the chosen affiliate for display and hands the table only the id, as the filter value
 * the list API takes ('' = any).
 */
export function AffiliateFilter({
  onChange,
  pickVerb = 'filter by this affiliate',
  clearLabel = 'Any affiliate',
}: {
  onChange: (affiliateId: string) => void
  pickVerb?: string
  clearLabel?: string
}) {
  const [affiliate, setAffiliate] = useState<AffiliateChoice | null>(null)
  return (
    <div className="toolbar-picker">
      <AffiliatePicker
        label="Affiliate"
        value={affiliate}
        onChange={(v) => {
          setAffiliate(v)
          onChange(v ? String(v.id) : '')
        }}
        pickVerb={pickVerb}
        clearLabel={clearLabel}
      />
    </div>
  )
}
