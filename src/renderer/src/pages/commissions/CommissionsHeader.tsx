import { href } from '../../router/routes'
import { PageHeader } from '../../ui/PageHeader'
import { Tabs } from '../../ui/Tabs'

export type CommissionsTab = 'ledger' | 'balances' | 'what-if'

export function CommissionsHeader({ tab }: { tab: CommissionsTab }) {
  return (
    <>
      <PageHeader
        title="Commissions"
        description="The ledger every conversion wrote, what each affiliate is owed, and what a plan change would cost."
      />
      <Tabs
        label="Commissions"
        tabs={[
          { href: href.section('commissions'), label: 'Ledger', active: tab === 'ledger' },
          { href: href.balances(), label: 'Balances', active: tab === 'balances' },
          { href: href.whatIf(), label: 'What-if simulator', active: tab === 'what-if' },
        ]}
      />
    </>
  )
}
