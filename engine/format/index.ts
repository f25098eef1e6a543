// The formatting layer behind every `--format`, table and humanized value skiff prints.
export {
  parseFormat, renderList, renderOne, compileTemplate, headerContext, FormatError,
  type FormatKind, type ParsedFormat,
} from './docker-format.js';
export { TabWriter, tabwrite, DOCKER_TABWRITER, type TabwriterOptions } from './tabwriter.js';
export { stringWidth, runeWidth, charWidth, ellipsis } from './width.js';
export {
  humanDuration, humanSize, humanSizeWithPrecision, bytesSize, fromHumanSize, ramInBytes, SizeError,
  goTimeString, localTimeZone,
} from './units.js';
export * from './template/index.js';
