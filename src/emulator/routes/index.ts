// The route tables: every CSP operation the emulator serves, and the control API. Adding an
// endpoint means adding its Route to one of the lists below (see ../README.md).
import { accessRoutes } from './access.js'
import { authRoutes } from './auth.js'
import { controlRoutes } from './control.js'
import { groupRoutes } from './groups.js'
import { invitationRoutes } from './invitations.js'
import { loggedInRoutes } from './loggedin.js'
import { orgRoutes } from './orgs.js'
import type { Route } from './route.js'
import { serviceRoutes } from './services.js'
import { userRoutes } from './users.js'

/** Every emulated CSP operation. */
export const cspRoutes: Route[] = [
  ...authRoutes,
  ...loggedInRoutes,
  ...orgRoutes,
  ...serviceRoutes,
  ...userRoutes,
  ...invitationRoutes,
  ...groupRoutes,
  ...accessRoutes,
]

export { controlRoutes }
