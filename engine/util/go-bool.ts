// Go's strconv.ParseBool, shared by the CLI's flags and the API's query parameters.

/** true/false for Go's accepted spellings, undefined for anything else. */
export function parseGoBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}
