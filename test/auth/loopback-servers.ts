// Real servers on loopback for the transport tests: a scripted CSP stand-in that records every
// request it gets, a server that accepts connections and never answers, and a CONNECT proxy that
// records what it tunnels. Each closes with everything it accepted.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, connect as tcpConnect, type Server, type Socket } from 'node:net'

/** A request as the server saw it. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface Loopback {
  /** `http://127.0.0.1:port` */
  url: string
  port: number
  seen: SeenRequest[]
  close(): Promise<void>
}

/** An access token shaped as CSP's (a JWT with the org and the account); the signature is not checked. */
export function fakeAccessToken(orgId = 'org-1', acct = 'ava@example.com'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + 1800
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ context_name: orgId, acct, exp })}.c2lnbmF0dXJl`
}

/** The answer the stand-in gives a request: status, headers, JSON body. */
export type Script = (
  request: SeenRequest,
  response: ServerResponse,
) => { status: number; headers?: Record<string, string>; body?: unknown } | 'hang'

/** Answers the token exchange with a fake token; anything else by the script. */
export async function startCspStandIn(script: Script, host = '127.0.0.1'): Promise<Loopback> {
  const seen: SeenRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body }
      seen.push(entry)
      const answer = script(entry, response)
      if (answer === 'hang') return
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return listen(server, host, seen, sockets)
}

/** The token exchange, answered as CSP does; undefined for any other request. */
export function tokenAnswer(request: SeenRequest): { status: number; body: unknown } | undefined {
  if (request.url.endsWith('/api-tokens/authorize'))
    return { status: 200, body: { access_token: fakeAccessToken(), expires_in: 1799, token_type: 'bearer' } }
  return undefined
}

/** A TCP server that accepts every connection and never sends a byte. */
export async function startSilentServer(): Promise<Loopback> {
  const sockets = new Set<Socket>()
  const seen: SeenRequest[] = []
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('data', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  return listen(server, '127.0.0.1', seen, sockets)
}

/** An HTTP proxy that tunnels CONNECT requests and records their targets (`host:port`). */
export async function startConnectProxy(): Promise<Loopback & { tunnels: string[]; requests: string[] }> {
  const tunnels: string[] = []
  /** Request lines read inside tunnels to plain-http targets (https traffic stays opaque). */
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((_request, response) => {
    response.writeHead(405).end()
  })
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(request.url!)
    const [host, port] = [request.url!.replace(/:\d+$/, ''), Number(request.url!.split(':').pop())]
    const upstream = tcpConnect(port, host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.on('data', (chunk: Buffer) => {
        for (const line of chunk
          .toString('latin1')
          .match(/^(?:GET|POST|PUT|PATCH|DELETE) \S+ HTTP\/1\.1$/gm) ?? [])
          requests.push(line)
      })
      client.pipe(upstream)
    })
    sockets.add(upstream)
    sockets.add(client)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  const loopback = await listen(server, '127.0.0.1', [], sockets)
  return Object.assign(loopback, { tunnels, requests })
}

async function listen(
  server: Server | ReturnType<typeof createServer>,
  host: string,
  seen: SeenRequest[],
  sockets: Set<Socket>,
): Promise<Loopback> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://${host}:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
