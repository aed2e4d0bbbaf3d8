// Library functions for the vcs cmdlets; see src/index.ts.
export {}
