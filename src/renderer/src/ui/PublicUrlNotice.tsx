import { api } from '../api'
import { useAsync } from '../api/useAsync'
import { href } from '../router/routes'
import { publicUrlProblem } from './publicUrl'

/** A warning above links and postback URLs when they cannot reach the listener from outside. */
export function PublicUrlNotice() {
  const info = useAsync(() => api.call('app.info', {}), 'app.info')
  const problem = info.data ? publicUrlProblem(info.data) : null
  if (!problem) return null
  return (
    <p className="callout callout-warning warning-note" role="note">
      {problem} <a href={href.section('settings')}>Open Settings</a>
    </p>
  )
}
