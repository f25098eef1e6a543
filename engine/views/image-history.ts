// GET /images/{name}/history items and the `docker history` row context (docker/cli 28
// cli/command/image/formatter_history.go).
import { ellipsis, goStruct, humanDuration, humanSizeWithPrecision } from '../format/index.js';
import { shortId } from '../sys/ids.js';

export interface HistoryResponseItem {
  Comment: string;
  Created: number;
  CreatedBy: string;
  Id: string;
  Size: number;
  Tags: string[] | null;
}

export const HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const HISTORY_TABLE_NON_HUMAN = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT',
};

export interface HistoryRow { Comment: string; CreatedAt: string; CreatedBy: string; CreatedSince: string; ID: string; Size: string }

const EPOCH_2000 = Date.UTC(2000, 0, 1) / 1000;

/** Go's time.Format(time.RFC3339) in the local zone. */
export function rfc3339Local(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${local}Z`;
  const abs = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function historyRow(h: HistoryResponseItem, opts: { trunc: boolean; human: boolean; now: number }): HistoryRow {
  const createdAt = rfc3339Local(h.Created);
  const createdBy = h.CreatedBy.replaceAll('\t', ' ');
  return goStruct({
    Comment: h.Comment,
    CreatedAt: createdAt,
    CreatedBy: opts.trunc ? ellipsis(createdBy, 45) : createdBy,
    CreatedSince: !opts.human ? createdAt : h.Created <= EPOCH_2000 ? 'N/A' : `${humanDuration(opts.now - h.Created * 1000)} ago`,
    ID: opts.trunc && h.Id !== '<missing>' ? shortId(h.Id) : h.Id,
    Size: opts.human ? humanSizeWithPrecision(h.Size, 3) : String(h.Size),
  }, '*image.historyContext');
}
