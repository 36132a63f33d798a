// Autonomous systems that announce mostly rented servers (clouds, VPS and dedicated hosting), so a
// shopper's browser rarely sits behind them. Checked against `FraudInput.asn`, which comes from the
// owner's GeoLite2-ASN file; the owner adds more in Settings (`datacenter.extraAsns`).
//
// Kept small on purpose: each number is the operator's own, as published in its PeeringDB record and
// the RIR whois (checked 2025). Left out on purpose: networks that also carry people's traffic, such
// as Cloudflare (AS13335, WARP), Google (AS15169, its proxies) and Apple (AS714, Private Relay).
export const HOSTING_ASNS: ReadonlyMap<number, string> = new Map([
  [16509, 'Amazon Web Services'],
  [14618, 'Amazon Web Services (us-east-1)'],
  [8075, 'Microsoft Azure'],
  [396982, 'Google Cloud'],
  [31898, 'Oracle Cloud'],
  [45102, 'Alibaba Cloud'],
  [132203, 'Tencent Cloud'],
  [14061, 'DigitalOcean'],
  [63949, 'Linode / Akamai Cloud'],
  [20473, 'Vultr (Choopa)'],
  [16276, 'OVHcloud'],
  [24940, 'Hetzner Online'],
  [51167, 'Contabo'],
  [12876, 'Scaleway'],
  [60781, 'Leaseweb Netherlands'],
  [28753, 'Leaseweb Germany'],
  [9009, 'M247'],
])
