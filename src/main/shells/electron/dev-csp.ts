// `npm run dev` serves the renderer from vite's dev server, whose React-refresh preamble is an
// inline script. The page's own <meta> policy forbids inline scripts, and a meta policy is enforced
// on top of the header one, so in dev it would block the app from starting. Only in dev, the meta
// tag goes and the header policy (security.ts contentSecurityPolicy with the dev server's URL,
// which relaxes exactly what the dev server needs) is the one in force. Builds keep the meta tag.
import type { Plugin } from 'vite'

const META_CSP = /\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i

export function withoutMetaCsp(html: string): string {
  if (!META_CSP.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag to relax')
  return html.replace(META_CSP, '')
}

export function devServerCsp(): Plugin {
  return {
    name: 'affiliate-desk:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => withoutMetaCsp(html),
  }
}
