import { useSyncExternalStore } from 'react'
import { api, isHeadless } from './api'
import { sessionStore } from './api/session'
import { useAsync } from './api/useAsync'
import { NAV, NAV_ITEMS } from './router/nav'
import { href, sectionOf, type Route, type Section } from './router/routes'
import { useRoute } from './router/useRoute'
import { ErrorBoundary } from './ui/ErrorBoundary'
import { StorageAlert } from './ui/StorageAlert'
import { AffiliatesPage } from './pages/affiliates/AffiliatesPage'
import { AuditPage } from './pages/audit/AuditPage'
import { CampaignEditorPage } from './pages/campaigns/CampaignEditorPage'
import { AdvertiserPage } from './pages/campaigns/AdvertiserPage'
import { AdvertisersPage } from './pages/campaigns/AdvertisersPage'
import { CampaignsPage } from './pages/campaigns/CampaignsPage'
import { LinksPage } from './pages/campaigns/LinksPage'
import { BalancesPage } from './pages/commissions/BalancesPage'
import { LedgerPage } from './pages/commissions/LedgerPage'
import { WhatIfPage } from './pages/commissions/WhatIfPage'
import { ConversionsPage } from './pages/conversions/ConversionsPage'
import { DashboardPage } from './pages/dashboard/DashboardPage'
import { ReviewPage } from './pages/review/ReviewPage'
import { NotBuiltPage } from './pages/NotBuiltPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { NewRunPage } from './pages/payouts/NewRunPage'
import { PayoutsPage } from './pages/payouts/PayoutsPage'
import { RunPage } from './pages/payouts/RunPage'
import { SettingsPage } from './pages/settings/SettingsPage'
import { TokenMissingPage } from './pages/TokenMissingPage'

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'campaign-new':
      return <CampaignEditorPage campaignId={null} />
    case 'campaign-edit':
      return <CampaignEditorPage key={route.id} campaignId={route.id} />
    case 'links':
      return <LinksPage />
    case 'advertisers':
      return <AdvertisersPage />
    case 'advertiser':
      return <AdvertiserPage key={route.id} id={route.id} />
    case 'affiliate':
      return <AffiliatesPage routeOpenId={route.id} />
    case 'conversion':
      // Same element type and position as the plain list below, so the list keeps its state.
      return <ConversionsPage routeOpenId={route.id} />
    case 'balances':
      return <BalancesPage />
    case 'what-if':
      return <WhatIfPage />
    case 'payout-new':
      return <NewRunPage />
    case 'payout-run':
      return <RunPage key={route.id} runId={route.id} />
    case 'not-found':
      return <NotFoundPage path={route.path} />
    case 'section':
      switch (route.section) {
        case 'dashboard':
          return <DashboardPage />
        case 'review':
          return <ReviewPage />
        case 'conversions':
          return <ConversionsPage routeOpenId={null} />
        case 'commissions':
          return <LedgerPage />
        case 'affiliates':
          return <AffiliatesPage routeOpenId={null} />
        case 'campaigns':
          return <CampaignsPage />
        case 'settings':
          return <SettingsPage />
        case 'audit':
          return <AuditPage />
        case 'payouts':
          return <PayoutsPage />
        default: {
          const item = NAV_ITEMS.find((i) => i.section === route.section)
          return <NotBuiltPage title={item?.label ?? route.section} planned={item?.planned ?? ''} />
        }
      }
  }
}

/**
 * How many flagged conversions wait, shown beside "Review queue". Re-read on every navigation, so it
 * catches up after decisions. The badge is hidden from the link's name (which stays "Review queue")
 * and read out as the link's description instead.
 */
function useReviewCount(refreshKey: string): number {
  const stats = useAsync(() => api.call('stats.overview', { days: 1 }), `review-count:${refreshKey}`)
  return stats.data?.reviewQueue ?? 0
}

function AppInfoFooter() {
  const info = useAsync(() => api.call('app.info', {}), 'app.info')
  if (!info.data) return null
  return (
    <div className="sidebar-footer">
      <span>v{info.data.version}</span>
      <span>{info.data.shell === 'headless' ? 'Browser (headless)' : 'Desktop'}</span>
    </div>
  )
}

export function App() {
  const route = useRoute()
  const hasSession = useSyncExternalStore(sessionStore.subscribe, sessionStore.hasSession)
  if (isHeadless && !hasSession) return <TokenMissingPage />

  const active = sectionOf(route)
  return <Shell route={route} active={active} />
}

function Shell({ route, active }: { route: Route; active: Section | null }) {
  const reviewCount = useReviewCount(JSON.stringify(route))
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // A plain #main link would be read as a route by the hash router.
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            AD
          </span>
          <span className="brand-name">Affiliate Desk</span>
        </div>
        <nav aria-label="Main">
          {NAV.map((group) => (
            <div key={group.label} className="nav-group">
              <p className="nav-group-label">{group.label}</p>
              <ul>
                {group.items.map((item) => (
                  <li key={item.section}>
                    <a
                      href={href.section(item.section)}
                      className={`nav-link${active === item.section ? ' active' : ''}`}
                      aria-current={active === item.section ? 'page' : undefined}
                      aria-describedby={
                        item.section === 'review' && reviewCount > 0 ? 'review-count-desc' : undefined
                      }
                    >
                      {item.label}
                      {item.section === 'review' && reviewCount > 0 ? (
                        <span className="nav-count" aria-hidden="true">
                          {reviewCount.toLocaleString('en-US')}
                        </span>
                      ) : null}
                      {item.planned ? (
                        <span className="nav-soon" aria-hidden="true">
                          soon
                        </span>
                      ) : null}
                    </a>
                    {item.section === 'review' && reviewCount > 0 ? (
                      <span id="review-count-desc" className="visually-hidden">
                        {reviewCount} conversions to review
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <AppInfoFooter />
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <StorageAlert />
        <ErrorBoundary key={active ?? 'none'}>
          <Screen route={route} />
        </ErrorBoundary>
      </main>
    </div>
  )
}
