// Library functions for the core cmdlets; see src/index.ts.
export {}
