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
      {
        section: 'dashboard',
        label: 'Dashboard',
        planned: "today's clicks, conversions, revenue and commissions owed, at a glance.",
      },
      {
        section: 'review',
        label: 'Review queue',
        planned:
          'conversions and sign-ups flagged as suspicious, to approve or reject one by one or in bulk.',
      },
    ],
  },
  {
    label: 'Program',
    items: [
      {
        section: 'conversions',
        label: 'Conversions',
        planned: 'every tracked lead, trial and sale with its click, amount, affiliate and status.',
      },
      { section: 'affiliates', label: 'Affiliates' },
      { section: 'campaigns', label: 'Campaigns & links' },
    ],
  },
  {
    label: 'Money',
    items: [
      {
        section: 'commissions',
        label: 'Commissions',
        planned:
          'the commission lines each conversion earned, per affiliate and upline level, with holds and reversals.',
      },
      {
        section: 'payouts',
        label: 'Payouts',
        planned:
          'approved commissions batched per affiliate, exported for PayPal, Wise or bank transfer and marked paid.',
      },
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
