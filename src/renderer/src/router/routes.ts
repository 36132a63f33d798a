// Hash routes, parsed by hand. Why no router package: the app has a dozen flat screens, and hash
// URLs work unchanged under Electron's file:// and behind the headless server's static handler
// (no history-API fallback needed on either), so a small parser is all the routing we need.

export type Section =
  | 'dashboard'
  | 'review'
  | 'conversions'
  | 'affiliates'
  | 'campaigns'
  | 'commissions'
  | 'payouts'
  | 'settings'
  | 'audit'

export type Route =
  | { name: 'section'; section: Section }
  | { name: 'campaign-new' }
  | { name: 'campaign-edit'; id: number }
  /** Campaigns & links → Links tab. */
  | { name: 'links' }
  /** Campaigns & links → Advertisers tab, and one advertiser's settings and postback setup. */
  | { name: 'advertisers' }
  | { name: 'advertiser'; id: number }
  /** The affiliates list with one affiliate's edit form open (payment details included). */
  | { name: 'affiliate'; id: number }
  /** The conversions list with one conversion's detail open. */
  | { name: 'conversion'; id: number }
  /** Commissions → Balances and What-if tabs (the ledger is the section itself). */
  | { name: 'balances' }
  | { name: 'what-if' }
  /** Payouts → a new run (cut-off, preview, commit), and one run's files, imports and items. */
  | { name: 'payout-new' }
  | { name: 'payout-run'; id: number }
  | { name: 'not-found'; path: string }

export const SECTIONS: readonly Section[] = [
  'dashboard',
  'review',
  'conversions',
  'affiliates',
  'campaigns',
  'commissions',
  'payouts',
  'settings',
  'audit',
]

export const DEFAULT_SECTION: Section = 'dashboard'

function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value)
}

/** A positive id as it appears in a URL, or null. */
function idOf(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) return null
  const id = Number(text)
  return Number.isSafeInteger(id) ? id : null
}

function parseParts(parts: string[]): Route | null {
  const [head = '', second, third, ...rest] = parts
  if (rest.length > 0) return null
  if (second === undefined) return isSection(head) ? { name: 'section', section: head } : null
  if (head === 'campaigns') {
    if (third === undefined) {
      if (second === 'new') return { name: 'campaign-new' }
      if (second === 'links') return { name: 'links' }
      if (second === 'advertisers') return { name: 'advertisers' }
      const id = idOf(second)
      return id === null ? null : { name: 'campaign-edit', id }
    }
    const id = second === 'advertisers' ? idOf(third) : null
    return id === null ? null : { name: 'advertiser', id }
  }
  if (third !== undefined) return null
  if (head === 'conversions') {
    const id = idOf(second)
    return id === null ? null : { name: 'conversion', id }
  }
  if (head === 'affiliates') {
    const id = idOf(second)
    return id === null ? null : { name: 'affiliate', id }
  }
  if (head === 'payouts') {
    if (second === 'new') return { name: 'payout-new' }
    const id = idOf(second)
    return id === null ? null : { name: 'payout-run', id }
  }
  if (head === 'commissions') {
    if (second === 'balances') return { name: 'balances' }
    if (second === 'what-if') return { name: 'what-if' }
  }
  return null
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '')
  // `token=…` is the session hand-off, consumed by api/session.ts; never treat it as a page.
  if (path === '' || path.startsWith('token=')) return { name: 'section', section: DEFAULT_SECTION }
  return parseParts(path.split('/')) ?? { name: 'not-found', path }
}

/** The navigation entry a route belongs to, for highlighting. */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'section':
      return route.section
    case 'campaign-new':
    case 'campaign-edit':
    case 'links':
    case 'advertisers':
    case 'advertiser':
      return 'campaigns'
    case 'conversion':
      return 'conversions'
    case 'affiliate':
      return 'affiliates'
    case 'balances':
    case 'what-if':
      return 'commissions'
    case 'payout-new':
    case 'payout-run':
      return 'payouts'
    case 'not-found':
      return null
  }
}

export const href = {
  section: (s: Section): string => `#/${s}`,
  campaignNew: (): string => '#/campaigns/new',
  campaign: (id: number): string => `#/campaigns/${id}`,
  links: (): string => '#/campaigns/links',
  advertisers: (): string => '#/campaigns/advertisers',
  advertiser: (id: number): string => `#/campaigns/advertisers/${id}`,
  conversion: (id: number): string => `#/conversions/${id}`,
  affiliate: (id: number): string => `#/affiliates/${id}`,
  balances: (): string => '#/commissions/balances',
  whatIf: (): string => '#/commissions/what-if',
  payoutNew: (): string => '#/payouts/new',
  payoutRun: (id: number): string => `#/payouts/${id}`,
}
