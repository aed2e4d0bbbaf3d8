// Library functions for the connection cmdlets; see src/index.ts.
export {}
