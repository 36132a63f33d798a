import { PageHeader } from '../ui/PageHeader'

export function NotBuiltPage({ title, planned }: { title: string; planned: string }) {
  return (
    <div className="page">
      <PageHeader title={title} />
      <section className="placeholder" aria-label={`${title} status`}>
        <p className="placeholder-title">Not built yet: this page will show {planned}</p>
      </section>
    </div>
  )
}
