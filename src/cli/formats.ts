// The one list of output formats (-o, --output): what argv accepts, help names and completion offers.
export const OUTPUT_FORMATS = ['table', 'list', 'json', 'ndjson', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** `table, list, json, ndjson or csv`. */
export function outputFormatWords(): string {
  return `${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS.at(-1)}`
}
