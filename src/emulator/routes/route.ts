// The shape of one operation: method, production path template, handler. One handler per operation.
import type { EmulatorContext } from '../context.js'
import type { RouteSpec } from '../http/router.js'
import type { Reply, RequestContext } from '../http/request.js'

/** One operation of the emulated API (or of the control API). */
export interface Route extends RouteSpec {
  /**
   * Changes state. An injected connection reset hits such a route after processing half of the
   * time, so clients learn to check before re-sending a POST.
   */
  write?: boolean
  handle(request: RequestContext, emulator: EmulatorContext): Reply | Promise<Reply>
}
