// What the owner hands an advertiser: a postback URL with macros in the style trackers already use
// ({clickid}, {order_id}, {amount}, ...), the secret, and a signing recipe with copyable code.
import type { PostbackSetup } from '../../../shared/contract'

type Mode = PostbackSetup['signingMode']

const MACROS =
  'clickid={clickid}&order_id={order_id}&amount={amount}&currency={currency}&event={event}&status={status}'

export function postbackUrlTemplate(publicBaseUrl: string, mode: Mode): string {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/postback?${MACROS}`
  // Token mode: the token goes in the X-Postback-Token header, not in a URL that tunnels log.
  if (mode === 'token') return base
  if (mode === 'simple') return `${base}&payout={payout}&timestamp={timestamp}&hash={hash}`
  return `${base}&timestamp={timestamp}&hash={hash}`
}

function recipe(mode: Mode): string[] {
  if (mode === 'token') {
    return [
      'Send your token in the X-Postback-Token header of every postback. No signature is needed.',
      'If your platform cannot set headers, POST the parameters with token=<your token> in the body (form or JSON). Put token= in the URL only as a last resort: tunnels and proxies log URLs.',
      'Token-only postbacks are marked lower trust: anyone who sees the URL can replay it, so prefer signing.',
      'A repeat of the same order_id and event is answered 200 with "duplicate": true and creates nothing.',
    ]
  }
  if (mode === 'simple') {
    return [
      'timestamp = the current Unix time in seconds; it must be within 300 s of our clock.',
      'hash = hex HMAC-SHA256 with your secret of the text "<clickid>:<payout>:<timestamp>" (payout as sent, or empty).',
      'Each signature is accepted once; send a fresh timestamp when you retry.',
    ]
  }
  return [
    'timestamp = the current Unix time in seconds; it must be within 300 s of our clock.',
    'Take every parameter you send except hash, sort them by name, and join them as name=value with & (values as you send them, before URL encoding).',
    'hash = hex HMAC-SHA256 of that text with your secret. Send it as the hash parameter.',
    'Each signature is accepted once; send a fresh timestamp when you retry.',
  ]
}

function snippets(publicBaseUrl: string, mode: Mode): { language: string; code: string }[] {
  const url = `${publicBaseUrl.replace(/\/+$/, '')}/postback`
  if (mode === 'token') {
    return [
      {
        language: 'curl',
        code: `curl -H "X-Postback-Token: $AFFDESK_TOKEN" "${url}?clickid=CLICK_ID&order_id=ORDER_ID&amount=49.90&currency=USD&event=sale"`,
      },
      {
        language: 'python',
        code: [
          'import requests',
          `requests.post("${url}", headers={"X-Postback-Token": TOKEN},`,
          '    data={"clickid": click_id, "order_id": order_id, "amount": "49.90", "currency": "USD", "event": "sale"})',
        ].join('\n'),
      },
    ]
  }
  if (mode === 'simple') {
    return [
      {
        language: 'python',
        code: [
          'import hashlib, hmac, time, requests',
          'ts = str(int(time.time()))',
          'msg = f"{click_id}:{payout}:{ts}"',
          'sig = hmac.new(SECRET.encode(), msg.encode(), hashlib.sha256).hexdigest()',
          `requests.get("${url}", params={"clickid": click_id, "order_id": order_id, "amount": "49.90",`,
          '    "currency": "USD", "payout": payout, "timestamp": ts, "hash": sig})',
        ].join('\n'),
      },
    ]
  }
  return [
    {
      language: 'node',
      code: [
        "import { createHmac } from 'node:crypto'",
        'const params = { clickid, order_id: orderId, amount: "49.90", currency: "USD", event: "sale",',
        '  timestamp: String(Math.floor(Date.now() / 1000)) }',
        "const text = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')",
        "const hash = createHmac('sha256', process.env.AFFDESK_SECRET).update(text).digest('hex')",
        `await fetch('${url}?' + new URLSearchParams({ ...params, hash }))`,
      ].join('\n'),
    },
    {
      language: 'python',
      code: [
        'import hashlib, hmac, time, requests',
        'params = {"clickid": click_id, "order_id": order_id, "amount": "49.90", "currency": "USD",',
        '          "event": "sale", "timestamp": str(int(time.time()))}',
        'text = "&".join(f"{k}={params[k]}" for k in sorted(params))',
        'params["hash"] = hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).hexdigest()',
        `requests.get("${url}", params=params)`,
      ].join('\n'),
    },
  ]
}

export function postbackSetup(
  publicBaseUrl: string,
  adv: { id: number; signingMode: Mode; postbackSecret: string; postbackToken: string | null },
): PostbackSetup {
  return {
    advertiserId: adv.id,
    signingMode: adv.signingMode,
    postbackUrl: postbackUrlTemplate(publicBaseUrl, adv.signingMode),
    secret: adv.postbackSecret,
    token: adv.postbackToken ?? '',
    recipe: recipe(adv.signingMode),
    snippets: snippets(publicBaseUrl, adv.signingMode),
  }
}
