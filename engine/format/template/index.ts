// Go text/template for skiff: parse, execute, Go value printing and docker/cli's functions.
export { Template, parse, type ExecuteOptions } from './template.js';
export { TemplateError } from './errors.js';
export type { MissingKey } from './exec.js';
export type { FuncMap, FuncValue, GoFunc, ParamKind } from './funcs.js';
export { GO_TYPE, GO_NIL, goStruct, goFloat, GoFloat, TypedNil, goNilSlice, goNilMap, isGoNil } from './values.js';
export { printValue } from './go-print.js';
export { sprint, sprintf, sprintln } from './printf.js';
export { formatFloat } from './go-float.js';
export { goQuote, goQuoteRune } from './go-quote.js';
export { goTimeString, localTimeZone } from './go-time.js';
export { marshalJSON, jsonString, GO_MARSHAL_JSON, type JsonOptions } from './json.js';
export { DOCKER_FUNCS, DOCKER_HEADER_FUNCS, goTitle, goLower, goUpper, goSplit, pad, truncate } from './docker-funcs.js';
export { htmlEscape, jsEscape, queryEscape } from './builtins.js';
