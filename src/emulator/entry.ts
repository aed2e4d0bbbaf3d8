// The emulator's public entry (`vcs-shell/emulator`): starting one in-process, and the `vcs emulator`
// command. Kept apart from index.ts so that command.ts can use startEmulator without an import cycle.
export * from './index.js'
export { runEmulatorCommand, type EmulatorCommandOptions } from './command.js'
