// The ceiling: a node:http server that does nothing but answer 302 with a click id.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

let n = 0
const server = createServer((_req, res) => {
  res.writeHead(302, {
    Location: `https://shop.example/landing?clickid=${(n++).toString(36)}`,
    'Content-Length': '0',
  })
  res.end()
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) + '\n',
  )
})
