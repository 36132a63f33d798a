import { href } from '../router/routes'
import { PageHeader } from '../ui/PageHeader'

export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="page">
      <PageHeader title="No such page" />
      <p>
        There is no page at <code>#/{path}</code>. <a href={href.section('dashboard')}>Go to the dashboard</a>
        .
      </p>
    </div>
  )
}
