import type { ReactNode } from 'react'
import { href } from '../../router/routes'
import { PageHeader } from '../../ui/PageHeader'
import { Tabs } from '../../ui/Tabs'

export type CampaignsTab = 'campaigns' | 'links' | 'advertisers'

/** The shared header of Campaigns & links: one section, three lists. */
export function CampaignsHeader({ tab, actions }: { tab: CampaignsTab; actions?: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Campaigns & links"
        description="What affiliates promote, the links they share, and the advertisers who report conversions."
        actions={actions}
      />
      <Tabs
        label="Campaigns & links"
        tabs={[
          { href: href.section('campaigns'), label: 'Campaigns', active: tab === 'campaigns' },
          { href: href.links(), label: 'Links', active: tab === 'links' },
          { href: href.advertisers(), label: 'Advertisers', active: tab === 'advertisers' },
        ]}
      />
    </>
  )
}
