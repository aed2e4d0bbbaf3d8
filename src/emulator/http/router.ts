// Matches a method and path against route templates like `/csp/gateway/am/api/orgs/{orgId}/users`.
// A trailing slash is ignored (real clients send both); a path that exists with another method is a
// 405, an unknown path a 404 — both answered in CSP's error shape by the server.
import { MethodNotAllowedError, NotFoundError } from '../errors.js'

/** HTTP methods the emulator routes. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A route: its template, and whatever the caller attaches (handler, flags). */
export interface RouteSpec {
  method: Method
  /** Template with `{param}` segments. */
  path: string
}

interface CompiledRoute<R extends RouteSpec> {
  route: R
  segments: Array<{ literal: string } | { param: string }>
  literals: number
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch<R extends RouteSpec> {
  route: R
  params: Record<string, string>
}

/** Splits a path into segments, dropping the empty one a trailing slash leaves. */
function split(path: string): string[] {
  const segments = path.split('/').slice(1)
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop()
  return segments
}

/** A route table. */
export class Router<R extends RouteSpec> {
  private readonly compiled: CompiledRoute<R>[]

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => {
      const segments = split(route.path).map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment)
        return param ? { param: param[1] } : { literal: segment }
      })
      return { route, segments, literals: segments.filter((segment) => 'literal' in segment).length }
    })
    // Literal segments win over parameters (`/groups-search` before `/groups/{id}`-like clashes).
    this.compiled.sort((a, b) => b.literals - a.literals)
  }

  /** The route for this request; throws 404 or 405 in CSP's shape. */
  match(method: string, path: string): RouteMatch<R> {
    const segments = split(path)
    const allowed: string[] = []
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate.segments, segments)
      if (!params) continue
      if (candidate.route.method === method) return { route: candidate.route, params }
      allowed.push(candidate.route.method)
    }
    if (allowed.length > 0) throw new MethodNotAllowedError(method, [...new Set(allowed)])
    throw new NotFoundError(`No endpoint ${method} ${path}`)
  }

  /** Every route, in table order. */
  routes(): R[] {
    return this.compiled.map((candidate) => candidate.route)
  }
}

function matchSegments(
  template: CompiledRoute<RouteSpec>['segments'],
  segments: string[],
): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let index = 0; index < template.length; index++) {
    const part = template[index]
    const segment = segments[index]
    if ('literal' in part) {
      if (part.literal !== segment) return undefined
    } else {
      if (segment === '') return undefined
      try {
        params[part.param] = decodeURIComponent(segment)
      } catch {
        return undefined
      }
    }
  }
  return params
}
