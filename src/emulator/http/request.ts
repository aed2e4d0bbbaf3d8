// What a handler sees of a request: method, path parameters, query, headers and the body, with the
// lenient parsing real CSP clients need (nulls as absent, `expand`/`expand=true`/`expand=True`).
import type { IncomingHttpHeaders } from 'node:http'
import { BadRequestError } from '../errors.js'
import type { Principal } from '../auth/principal.js'

/** A parsed request. */
export class RequestContext {
  /** Set by `authenticate` once the access token is verified. */
  principal?: Principal

  constructor(
    readonly method: string,
    readonly path: string,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    readonly params: Record<string, string>,
    readonly requestId: string,
  ) {}

  /** A path parameter (always present when the route matched). */
  param(name: string): string {
    return this.params[name] ?? ''
  }

  /**
   * A boolean query flag. CSP documents several as presence-only: `?expand`, `?expand=true` and
   * `?expand=True` all mean true; `false`/`0` mean false.
   */
  flag(name: string): boolean {
    const value = this.query.get(name)
    if (value === null) return false
    return !['false', '0', 'no'].includes(value.trim().toLowerCase())
  }

  /** The body as JSON, undefined when empty; 400 in CSP's shape when it does not parse. */
  json(): unknown {
    if (this.body.length === 0) return undefined
    try {
      return JSON.parse(this.body.toString('utf8'))
    } catch {
      throw new BadRequestError('Invalid request body: not JSON')
    }
  }

  /** The body as a JSON object (nulls kept; callers treat them as absent); 400 for anything else. */
  jsonObject(): Record<string, unknown> {
    const value = this.json()
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestError('Invalid request body: a JSON object is expected')
    }
    return value as Record<string, unknown>
  }

  /**
   * Form fields: the urlencoded body (or a JSON object body, which some clients send), then the
   * query string, which real clients also use for the API token.
   */
  formField(name: string): string | undefined {
    const fromBody = this.bodyFields().get(name)
    if (fromBody !== undefined && fromBody !== '') return fromBody
    const fromQuery = this.query.get(name)
    return fromQuery === null || fromQuery === '' ? undefined : fromQuery
  }

  private fields?: Map<string, string>

  private bodyFields(): Map<string, string> {
    if (this.fields) return this.fields
    this.fields = new Map()
    const type = String(this.headers['content-type'] ?? '').toLowerCase()
    if (this.body.length === 0) return this.fields
    if (type.includes('json')) {
      const value = this.json()
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, field] of Object.entries(value)) {
          if (typeof field === 'string') this.fields.set(key, field)
        }
      }
      return this.fields
    }
    for (const [key, value] of new URLSearchParams(this.body.toString('utf8'))) this.fields.set(key, value)
    return this.fields
  }
}

/** What a handler answers: a status, an optional JSON body, optional headers. */
export interface Reply {
  status: number
  /** Omitted: an empty body (202 on invitation POST, 200 on invitation DELETE). */
  body?: unknown
  headers?: Record<string, string>
}

/** A 200 with a JSON body. */
export function ok(body: unknown): Reply {
  return { status: 200, body }
}
