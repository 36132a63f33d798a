// What a user agent says about who is behind it, using isbot's maintained pattern list.
import { isbot } from 'isbot'
import { createBoundedCache } from '../tracking/bounded-cache'

/** Headless browsers that isbot may not name as such in every version. */
const HEADLESS = /headlesschrome|phantomjs|slimerjs|electron\/|puppeteer|playwright|selenium|webdriver/i

export type AgentKind = 'missing' | 'headless' | 'bot' | 'browser'

/**
 * Agents already judged. isbot runs one large pattern over the whole string (microseconds for a
 * browser's 130 characters), and every conversion judges its click's agent and its own, mostly the
 * same few agents over and over. Bounded: the agent is whatever a visitor sends.
 */
const judged = createBoundedCache<string, AgentKind>(2048)

export function agentKind(userAgent: string | null | undefined): AgentKind {
  if (userAgent === null || userAgent === undefined) return 'missing'
  let kind = judged.get(userAgent)
  if (kind === undefined) {
    kind = judge(userAgent)
    judged.set(userAgent, kind)
  }
  return kind
}

function judge(userAgent: string): AgentKind {
  const ua = userAgent.trim()
  if (ua.length === 0) return 'missing'
  if (HEADLESS.test(ua)) return 'headless'
  if (isbot(ua)) return 'bot'
  return 'browser'
}

export function isMobileAgent(userAgent: string | null | undefined): boolean {
  return /mobile|android|iphone|ipad|ipod/i.test(userAgent ?? '')
}
