// "Send test postback": a real click and a real signed postback through the public listener, the
// same path an advertiser's tracker takes. The test conversion is sent as `rejected`, so it shows
// up in the books but never pays anyone.
import type { SigningMode } from '../../../shared/domain'
import { isClickId } from '../click-id'
import { signParams, signSimple } from '../postback-signature'

export interface TestPostbackInput {
  listenerUrl: string
  linkCode: string
  signingMode: SigningMode
  secret: string
  token: string
  now: () => number
}

export interface TestStep {
  step: string
  ok: boolean
  detail: string
}

export async function sendTestPostback(
  input: TestPostbackInput,
): Promise<{ ok: boolean; steps: TestStep[] }> {
  const steps: TestStep[] = []
  const clickRes = await fetch(
    `${input.listenerUrl}/c/${encodeURIComponent(input.linkCode)}?sub1=test-postback`,
    {
      redirect: 'manual',
    },
  )
  await clickRes.arrayBuffer()
  const location = clickRes.headers.get('location')
  let clickId: string | null = null
  if (clickRes.status === 302 && location) {
    // The campaign's click id parameter may have any name: find our id among the values.
    clickId = [...new URL(location).searchParams.values()].find(isClickId) ?? null
  }
  steps.push({
    step: `GET /c/${input.linkCode}`,
    ok: clickId !== null,
    detail: clickId ? `302 with click id ${clickId}` : `answered ${clickRes.status}: no click id`,
  })
  if (!clickId) return { ok: false, steps }

  const ts = String(Math.floor(input.now() / 1000))
  const params: Record<string, string> = {
    clickid: clickId,
    order_id: `test-${ts}-${clickId.slice(-6)}`,
    amount: '1.00',
    event: 'sale',
    status: 'rejected',
  }
  // The token travels in the header we recommend, never in the URL a tunnel would log.
  const headers: Record<string, string> = {}
  if (input.signingMode === 'token') headers['X-Postback-Token'] = input.token
  else {
    params.timestamp = ts
    params.hash =
      input.signingMode === 'simple'
        ? signSimple(input.secret, clickId, '', ts)
        : signParams(input.secret, params)
  }
  const pbRes = await fetch(`${input.listenerUrl}/postback?${new URLSearchParams(params)}`, { headers })
  const body = await pbRes.text()
  steps.push({
    step: 'GET /postback (signed, status=rejected)',
    ok: pbRes.status === 200,
    detail: `${pbRes.status} ${body}`,
  })
  return { ok: pbRes.status === 200, steps }
}
