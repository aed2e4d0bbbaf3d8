// The CSP wire shapes, as plain type declarations shared by the client (src/csp) and the emulator
// (src/emulator). No runtime code lives here: the two sides may agree on a shape, never on behaviour.
// Every shape follows /work/shared/design/csp-api.md; a field marked [I] in TSDoc is our inference
// where that document (or the Go structs of VMC-Go-Client it cites) is silent.

export type * from './csp/auth.js'
export type * from './csp/orgs.js'
export type * from './csp/users.js'
export type * from './csp/invitations.js'
export type * from './csp/access.js'
