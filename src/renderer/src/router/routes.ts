// Hash routes, parsed by hand. Why no router package: the app has a dozen flat screens, and hash
// URLs work unchanged under Electron's file:// and behind the headless server's static handler
// (no history-API fallback needed on either), so a 30-line parser is all the routing we need.

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

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '')
  // `token=…` is the session hand-off, consumed by api/session.ts; never treat it as a page.
  if (path === '' || path.startsWith('token=')) return { name: 'section', section: DEFAULT_SECTION }
  const [head = '', second, ...rest] = path.split('/')
  if (rest.length > 0) return { name: 'not-found', path }
  if (head === 'campaigns' && second === 'new') return { name: 'campaign-new' }
  if (head === 'campaigns' && second !== undefined) {
    const id = /^[1-9]\d{0,15}$/.test(second) ? Number(second) : NaN
    return Number.isSafeInteger(id) ? { name: 'campaign-edit', id } : { name: 'not-found', path }
  }
  if (second === undefined && isSection(head)) return { name: 'section', section: head }
  return { name: 'not-found', path }
}

/** The navigation entry a route belongs to, for highlighting. */
export function sectionOf(route: Route): Section | null {
  if (route.name === 'section') return route.section
  if (route.name === 'campaign-new' || route.name === 'campaign-edit') return 'campaigns'
  return null
}

export const href = {
  section: (s: Section): string => `#/${s}`,
  campaignNew: (): string => '#/campaigns/new',
  campaign: (id: number): string => `#/campaigns/${id}`,
}
