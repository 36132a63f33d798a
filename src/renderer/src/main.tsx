import './zodSetup'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { adoptTokenFromUrl, watchForToken } from './api/session'
import { App } from './App'
import './styles/base.css'
import './styles/layout.css'
import './styles/table.css'
import './styles/forms.css'
import './styles/pages.css'

// Before the first render, so the router never sees `#token=…` as a route.
adoptTokenFromUrl()
watchForToken()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
