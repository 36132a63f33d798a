// Email checks for the self-referral and disposable-email rules.
import MailChecker from 'mailchecker'

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

/**
 * The mailbox an address delivers to, so `Jane.Doe+promo@GoogleMail.com` and `janedoe@gmail.com`
 * compare equal: lower case, plus-addressing dropped, and for Gmail the dots too (Gmail ignores them
 * and treats googlemail.com as gmail.com). Null for anything that is not `local@domain`.
 */
export function normaliseEmail(email: string | null | undefined): string | null {
  if (!email) return null
  const trimmed = email.trim().toLowerCase()
  const at = trimmed.lastIndexOf('@')
  if (at <= 0 || at === trimmed.length - 1) return null
  let local = trimmed.slice(0, at)
  let domain = trimmed.slice(at + 1).replace(/\.$/, '')
  const plus = local.indexOf('+')
  if (plus >= 0) local = local.slice(0, plus)
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '')
    domain = 'gmail.com'
  }
  if (local.length === 0) return null
  return `${local}@${domain}`
}

export function emailDomain(email: string | null | undefined): string | null {
  const n = normaliseEmail(email)
  return n === null ? null : n.slice(n.indexOf('@') + 1)
}

/** The domain or one of its parents is in the set (`a.b.mailinator.com` matches `mailinator.com`). */
function inDomainSet(domain: string, set: ReadonlySet<string>): boolean {
  let d = domain
  for (;;) {
    if (set.has(d)) return true
    const dot = d.indexOf('.')
    if (dot < 0) return false
    d = d.slice(dot + 1)
  }
}

const maintained: ReadonlySet<string> = MailChecker.blacklist()

/** The owner's lists as sets, built once per settings object rather than per conversion. */
const listSets = new WeakMap<readonly string[], ReadonlySet<string>>()
function asSet(list: readonly string[]): ReadonlySet<string> {
  let set = listSets.get(list)
  if (!set) listSets.set(list, (set = new Set(list.map((d) => d.toLowerCase()))))
  return set
}

export interface DisposableOverrides {
  allowDomains: readonly string[]
  denyDomains: readonly string[]
}

/**
 * Whether the address is on mailchecker's maintained list of throwaway domains, or the owner's deny
 * list; the owner's allow list wins over both (a partner's own domain that the list happens to hold).
 */
export function isDisposableEmail(
  email: string | null | undefined,
  overrides: DisposableOverrides = { allowDomains: [], denyDomains: [] },
): boolean {
  const domain = emailDomain(email)
  if (domain === null) return false
  if (overrides.allowDomains.length && inDomainSet(domain, asSet(overrides.allowDomains))) return false
  if (overrides.denyDomains.length && inDomainSet(domain, asSet(overrides.denyDomains))) return true
  return inDomainSet(domain, maintained)
}

/** Large free webmail providers (the seed's `email_domain_free` feature); not a fraud signal alone. */
const FREE_MAIL = new Set([
  'gmail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'aol.com',
  'icloud.com',
  'mail.ru',
  'yandex.ru',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
])

export function isFreeEmail(email: string | null | undefined): boolean {
  const domain = emailDomain(email)
  return domain !== null && FREE_MAIL.has(domain)
}
