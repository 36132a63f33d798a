import { useEffect, useRef, useState } from 'react'
import { copyText, selectContents } from './clipboard'

interface CopyButtonProps {
  text: string
  /** What is copied, for the accessible name: "Copy postback URL". */
  label: string
  /** The element showing the text; selected when copying fails, so Ctrl+C finishes the job. */
  targetId?: string
  small?: boolean
}

type State = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; message: string }

/** Copies `text`, confirms briefly, and on failure explains how to copy by hand. */
export function CopyButton({ text, label, targetId, small = true }: CopyButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  async function onClick() {
    const result = await copyText(text)
    if (timer.current) clearTimeout(timer.current)
    if (result.ok) {
      setState({ kind: 'copied' })
      timer.current = setTimeout(() => setState({ kind: 'idle' }), 2000)
    } else {
      setState({ kind: 'failed', message: result.message })
      if (targetId) selectContents(document.getElementById(targetId))
    }
  }

  return (
    <span className="copy">
      <button type="button" className={`btn btn-ghost${small ? ' btn-small' : ''}`} onClick={onClick}>
        {state.kind === 'copied' ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {label}</span>
      </button>
      <span className={`copy-feedback${state.kind === 'failed' ? ' is-error' : ''}`} role="status">
        {state.kind === 'copied' ? (
          <span className="visually-hidden">Copied {label}</span>
        ) : state.kind === 'failed' ? (
          state.message
        ) : null}
      </span>
    </span>
  )
}
