// One measured client run, in its own process so its peak RSS is its own. Prints one JSON line.
//   node client.mjs list-lib   URL TOKEN ORG
//   node client.mjs list-naive URL TOKEN ORG
//   node client.mjs invite     URL TOKEN ORG CSVFILE [BATCH]
//   node client.mjs remove     URL TOKEN ORG IDSFILE
//   node client.mjs list-limit URL TOKEN ORG [CONCURRENCY]
//   node client.mjs revoke     URL TOKEN ORG
import { readFileSync } from 'node:fs'
import { accessTokenFor } from './lib.mjs'

const [mode, url, apiToken, orgId, file, batch] = process.argv.slice(2)
process.env.VCS_CREDENTIAL_STORE = 'memory'

function peakRss() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1])
    if (kb) return kb * 1024
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss
}

const now = () => Number(process.hrtime.bigint()) / 1e6
const result = { mode }

if (mode === 'list-naive') {
  // What a script author writes first: exchange the token, then one page after another with fetch.
  result.rssBefore = peakRss()
  const t0 = now()
  const token = await accessTokenFor(url, apiToken)
  let count = 0
  let pageStart = 1
  for (let pages = 0; pages < 100_000; pages++) {
    const response = await fetch(
      `${url}/csp/gateway/am/api/v2/orgs/${orgId}/users?pageStart=${pageStart}&pageLimit=200`,
      { headers: { 'csp-auth-token': token, accept: 'application/json' } },
    )
    if (!response.ok) throw new Error(`page ${pageStart}: ${response.status}`)
    const body = await response.json()
    for (const _user of body.results) {
      if (count === 0) result.firstMs = now() - t0
      count++
    }
    if (!body.nextLink || body.results.length < 200) break
    pageStart += 200
  }
  result.ms = now() - t0
  result.count = count
} else if (mode === 'list-limit') {
  // The limit: the token exchange, page 1, then the rest with the library's window of pages in
  // flight (same concurrency), each body only JSON.parse'd and counted; no objects built. Over
  // node:http with keep-alive, the cheapest way Node has (its fetch costs ~40 ms of set-up on first use).
  const concurrency = Number(file) || 4
  const http = await import('node:http')
  const agent = new http.Agent({ keepAlive: true })
  const send = (path, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const request = http.request(`${url}${path}`, { method, headers, agent }, (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (response.statusCode !== 200) reject(new Error(`${path}: ${response.statusCode} ${text}`))
          else resolve(JSON.parse(text))
        })
      })
      request.on('error', reject)
      request.end(body)
    })
  result.rssBefore = peakRss()
  const t0 = now()
  const { access_token: token } = await send('/csp/gateway/am/api/auth/api-tokens/authorize', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ api_token: apiToken }).toString(),
  })
  const page = (pageStart) =>
    send(`/csp/gateway/am/api/v2/orgs/${orgId}/users?pageStart=${pageStart}&pageLimit=200`, {
      headers: { 'csp-auth-token': token, accept: 'application/json' },
    })
  const first = await page(1)
  let count = first.results.length
  if (count > 0) result.firstMs = now() - t0
  const total = first.totalResults ?? count
  const window = []
  let next = 201
  const launch = () => {
    while (window.length < concurrency && next <= total) {
      window.push(page(next))
      next += 200
    }
  }
  launch()
  while (window.length > 0) {
    const body = await window.shift()
    launch()
    count += body.results.length
  }
  result.ms = now() - t0
  result.count = count
} else {
  const lib = await import('../../dist/index.js')
  result.rssBefore = peakRss()
  const t0 = now()
  await lib.connectVcs({ server: url, apiToken, credentialStore: 'memory' })
  if (mode === 'list-lib') {
    let count = 0
    for await (const _user of lib.getVcsUser()) {
      if (count === 0) result.firstMs = now() - t0
      count++
    }
    result.count = count
  } else if (mode === 'invite') {
    const records = await lib
      .importCsv({ path: file })
      .pipe(lib.newVcsUserInvitation({ organizationRole: 'org_member', batchSize: Number(batch) || 100 }))
    result.count = records.length
  } else if (mode === 'remove') {
    const ids = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    const records = await lib.removeVcsUser({ id: ids, force: true, confirm: false, passThru: true })
    result.count = records.length
    result.removed = records.filter((r) => String(r.Result ?? r.result ?? '').startsWith('Removed')).length
  } else if (mode === 'revoke') {
    const pending = await lib.getVcsUserInvitation({ status: ['Available'] })
    const records = await lib.removeVcsUserInvitation({ invitation: pending, confirm: false, passThru: true })
    result.count = records.length
  } else {
    throw new Error(`unknown mode ${mode}`)
  }
  result.ms = now() - t0
}
result.peakRss = peakRss()
const cpu = process.cpuUsage()
// CPU time of the whole process (start-up included): steadier than wall time on a loaded machine.
result.cpuMs = (cpu.user + cpu.system) / 1000
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
