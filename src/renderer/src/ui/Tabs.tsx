export interface TabLink {
  href: string
  label: string
  active: boolean
}

/** Sub-pages of one section, as links (each tab has its own URL, so reload and back work). */
export function Tabs({ label, tabs }: { label: string; tabs: TabLink[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <a
          key={t.href}
          href={t.href}
          className={`tab${t.active ? ' active' : ''}`}
          aria-current={t.active ? 'page' : undefined}
        >
          {t.label}
        </a>
      ))}
    </nav>
  )
}
