// The first-party tracking script served at GET /t.js (the browser code is script/t.js, bundled
// as text at build time). Advertisers embed it on their site:
//
//   <script src="https://track.example.com/t.js" data-clickid-param="clickid" data-cookie-days="30" async></script>
//
// On a landing page it remembers the click id (cookie + localStorage) and reports the visit when
// the URL carries tracking parameters (direct links that skipped our redirect); on the thank-you
// page the site calls AffiliateDesk.conversion({...}). Plain ES5 syntax, no dependencies; it needs
// Promise and fetch (or sendBeacon) at run time and degrades to doing nothing without them.
//
// Requests are POSTed as text/plain so the browser sends them as CORS "simple" requests (no
// preflight, which keepalive requests handle poorly): the listener must parse the body as JSON
// whatever its content type, and answer with Access-Control-Allow-Origin for allowed origins.
// The click endpoint may answer {"clickId": "..."}: when the URL had only a ref, the script
// stores that id for the later conversion.

import SOURCE from './script/t.js?raw'

export interface TrackingScriptOptions {
  /** Public base URL of the listener, e.g. "https://track.example.com" (no trailing slash needed). */
  endpointBase: string
}

/** The JavaScript served at GET /t.js. Pure and cheap enough to call once at start-up and cache. */
export function trackingScriptSource({ endpointBase }: TrackingScriptOptions): string {
  let url: URL
  try {
    url = new URL(endpointBase)
  } catch {
    throw new Error(`endpointBase must be an absolute URL, got "${endpointBase}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('endpointBase must be http(s)')
  if (url.search || url.hash || url.username || url.password) {
    throw new Error('endpointBase must not carry a query, fragment or credentials')
  }
  const base = url.href.replace(/\/+$/, '')
  // JSON is a JS literal, except that U+2028/2029 end a line inside strings before ES2019.
  const literal = JSON.stringify(base)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  return SOURCE.replace('__ENDPOINT__', () => literal)
}
