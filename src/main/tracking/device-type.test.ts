import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyUserAgent, deviceType, type DeviceType } from './device-type'

// Real User-Agent strings, labelled by hand.
const CORPUS: [DeviceType, string][] = [
  [
    'desktop',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'desktop',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  ],
  ['desktop', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
  [
    'desktop',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  ],
  [
    'desktop',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  ],
  [
    'mobile',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  ],
  [
    'mobile',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  ],
  [
    'mobile',
    'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  ],
  ['mobile', 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0'],
  [
    'mobile',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.0]',
  ],
  [
    'mobile',
    'Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54',
  ],
  [
    'mobile',
    'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  ],
  [
    'tablet',
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  ],
  [
    'tablet',
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'tablet',
    'Mozilla/5.0 (Linux; Android 9; SM-T820) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  ],
  ['tablet', 'Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0'],
  [
    'tablet',
    'Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/118.3.1 like Chrome/118.0.5993.144 Safari/537.36',
  ],
  ['bot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  [
    'bot',
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  ],
  ['bot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
  ['bot', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  [
    'bot',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  ],
  ['bot', 'curl/8.5.0'],
  ['bot', 'Wget/1.21.4'],
  ['bot', 'python-requests/2.31.0'],
  ['bot', 'Go-http-client/1.1'],
  ['bot', 'okhttp/4.12.0'],
  ['bot', 'axios/1.6.2'],
  ['bot', 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)'],
  ['bot', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
  ['bot', 'Twitterbot/1.0'],
  ['bot', 'WhatsApp/2.23.20.0 A'],
  ['unknown', ''],
  ['unknown', '   '],
  [
    'unknown',
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/538.1 (KHTML, like Gecko) Version/6.0 TV Safari/538.1',
  ],
  ['unknown', 'something/1.0'],
]

describe('device type', () => {
  it.each(CORPUS)('classifies as %s: %s', (expected, ua) => {
    expect(classifyUserAgent(ua)).toBe(expected)
    expect(deviceType(ua)).toBe(expected)
    expect(deviceType(ua)).toBe(expected) // served from the cache the second time
  })

  it('answers unknown for a missing header', () => {
    expect(deviceType(undefined)).toBe('unknown')
  })

  it('agrees with the uncached classifier for any input, including very long ones', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...CORPUS.map(([, ua]) => ua)), fc.string({ maxLength: 600 })),
        (ua) => {
          expect(deviceType(ua)).toBe(classifyUserAgent(ua))
        },
      ),
    )
    const long = 'Mozilla/5.0 (iPhone) ' + 'x'.repeat(2000)
    expect(deviceType(long)).toBe('mobile')
  })

  it('stays linear on hostile headers', () => {
    const hostile = [
      'Android '.repeat(4000),
      'a'.repeat(32_000),
      'bo'.repeat(16_000),
      'nexus '.repeat(5000),
      'Mozilla/5.0 ('.repeat(2000),
    ]
    const started = performance.now()
    for (const ua of hostile) classifyUserAgent(ua)
    expect(performance.now() - started).toBeLessThan(200)
  })
})
