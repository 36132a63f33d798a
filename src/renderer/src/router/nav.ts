import type { Section } from './routes'

export interface NavItem {
  section: Section
  label: string
  /** For screens that don't exist yet: the one line telling the owner what will be there. */
  planned?: string
}

export interface NavGroup {
  label: string
  items: NavItem[]
}

export const NAV: NavGroup[] = [
  {
    label: 'Overview',
    items: [
      { section: 'dashboard', label: 'Dashboard' },
      { section: 'review', label: 'Review queue' },
    ],
  },
  {
    label: 'Program',
    items: [
      { section: 'conversions', label: 'Conversions' },
      { section: 'affiliates', label: 'Affiliates' },
      { section: 'campaigns', label: 'Campaigns & links' },
    ],
  },
  {
    label: 'Money',
    items: [
      { section: 'commissions', label: 'Commissions' },
      { section: 'payouts', label: 'Payouts' },
    ],
  },
  {
    label: 'System',
    items: [
      { section: 'settings', label: 'Settings' },
      { section: 'audit', label: 'Audit log' },
    ],
  },
]

export const NAV_ITEMS: NavItem[] = NAV.flatMap((g) => g.items)
