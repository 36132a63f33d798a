// Coarse device class from a User-Agent, for reporting and fraud signals: not a full UA parser
// (ua-parser-js v2 is AGPL, and we only need five buckets). Each rule is one precompiled regex
// with no nested quantifiers, so matching is linear in the header length whatever a client sends.
import { createBoundedCache } from './bounded-cache'

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'unknown'

// Crawlers, link previewers, monitoring and HTTP libraries. Checked first: Googlebot's smartphone
// crawler also says "Android ... Mobile". "(?<!cu)bot" spares the Cubot phone brand.
const BOT =
  /(?<!cu)bot\b|crawl|spider|slurp|mediapartners|facebookexternalhit|facebookcatalog|embedly|quora link preview|outbrain|pinterest\/|vkshare|w3c_validator|whatsapp|skypeuripreview|headless|lighthouse|pagespeed|pingdom|uptime|monitor|phantomjs|selenium|puppeteer|playwright|scrapy|curl\/|wget\/|python-|python\/|aiohttp|httpx|go-http-client|okhttp|java\/|apache-httpclient|libwww|axios\/|node-fetch|undici|postman|insomnia|http_request|guzzle|ruby|perl\/|\bphp\//i

// Tablets first among handsets: an Android UA without "Mobile" is a tablet by Google's own
// convention. iPadOS 13+ Safari sends a desktop Mac UA by default and is reported as desktop: the
// UA alone cannot tell them apart.
const TABLET = /ipad|tablet|kindle|silk\/|playbook|nexus (?:7|9|10)\b|sm-t\d|\btab\b/i
const ANDROID = /android/i
const MOBILE = /mobi|iphone|ipod|windows phone|iemobile|blackberry|bb10|opera mini|webos|symbian|kaios|nokia/i
const DESKTOP = /windows nt|macintosh|mac os x|x11|linux x86_64|linux i686|cros|ubuntu|fedora/i

/** Classifies without caching; see deviceType for the cached entry point. */
export function classifyUserAgent(userAgent: string): DeviceType {
  if (userAgent.trim() === '') return 'unknown'
  if (BOT.test(userAgent)) return 'bot'
  if (TABLET.test(userAgent)) return 'tablet'
  if (MOBILE.test(userAgent)) return 'mobile'
  if (ANDROID.test(userAgent)) return 'tablet'
  if (DESKTOP.test(userAgent)) return 'desktop'
  return 'unknown'
}

// Real traffic repeats a few hundred UA strings; a bounded cache skips the regexes for them
// without letting a client that sends a fresh UA per request grow memory. Very long UAs are not
// cached: they are rare, and hashing them as keys would cost as much as classifying them.
const CACHE_MAX_KEY_LENGTH = 512
const cache = createBoundedCache<string, DeviceType>(2048)

export function deviceType(userAgent: string | undefined): DeviceType {
  if (userAgent === undefined) return 'unknown'
  if (userAgent.length > CACHE_MAX_KEY_LENGTH) return classifyUserAgent(userAgent)
  let type = cache.get(userAgent)
  if (type === undefined) {
    type = classifyUserAgent(userAgent)
    cache.set(userAgent, type)
  }
  return type
}
