// zx-style bare calls: `import 'vcs-shell/globals'` puts every cmdlet function on globalThis.
import * as library from './index.js'

Object.assign(globalThis, library)
