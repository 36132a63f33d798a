// What a user agent says about who is behind it, using isbot's maintained pattern list.
import { isbot } from 'isbot'

/** Headless browsers that isbot may not name as such in every version. */
const HEADLESS = /headlesschrome|phantomjs|slimerjs|electron\/|puppeteer|playwright|selenium|webdriver/i

export type AgentKind = 'missing' | 'headless' | 'bot' | 'browser'

export function agentKind(userAgent: string | null | undefined): AgentKind {
  const ua = userAgent?.trim() ?? ''
  if (ua.length === 0) return 'missing'
  if (HEADLESS.test(ua)) return 'headless'
  if (isbot(ua)) return 'bot'
  return 'browser'
}

export function isMobileAgent(userAgent: string | null | undefined): boolean {
  return /mobile|android|iphone|ipad|ipod/i.test(userAgent ?? '')
}
