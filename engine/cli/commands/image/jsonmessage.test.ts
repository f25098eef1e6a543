import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { message, update } from '../../../domain/images/progress.js';
import { JsonMessageRenderer, progressString } from './jsonmessage.js';

function sink(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({ write(c, _e, cb) { text += String(c); cb(); } });
  out.write = ((c: string) => { text += c; return true; }) as Writable['write'];
  return { out, text: () => text };
}

const messages = [
  message('Pulling from probe/ml', 'v1'),
  update('7ad3fb83e799', 'Already exists'),
  update('e85e70915e42', 'Pulling fs layer'),
  update('22beb63baf0c', 'Pulling fs layer'),
  { status: 'Downloading', progressDetail: { current: 36450, total: 3147000 }, id: 'e85e70915e42' },
  update('e85e70915e42', 'Verifying Checksum'),
  update('e85e70915e42', 'Download complete'),
  { status: 'Extracting', progressDetail: { current: 3147000, total: 3147000 }, id: 'e85e70915e42' },
  update('e85e70915e42', 'Pull complete'),
  message('Digest: sha256:0e14'),
  message('Status: Downloaded newer image for 127.0.0.1:5000/probe/ml:v1'),
];

describe('JSON message rendering (moby pkg/jsonmessage)', () => {
  it('prints plain lines without a terminal and drops byte progress', () => {
    const s = sink();
    const r = new JsonMessageRenderer(s.out, false);
    for (const m of messages) r.write(m);
    expect(s.text()).toBe([
      'v1: Pulling from probe/ml', '7ad3fb83e799: Already exists', 'e85e70915e42: Pulling fs layer', '22beb63baf0c: Pulling fs layer',
      'e85e70915e42: Verifying Checksum', 'e85e70915e42: Download complete', 'e85e70915e42: Pull complete',
      'Digest: sha256:0e14', 'Status: Downloaded newer image for 127.0.0.1:5000/probe/ml:v1', '',
    ].join('\n'));
  });

  it('rewrites each layer\'s line in place on a terminal, byte for byte as docker 28 does', () => {
    const s = sink();
    const r = new JsonMessageRenderer(s.out, true, 130);
    for (const m of messages.slice(0, 5)) r.write(m);
    r.write(messages[9]!);
    const E = '\x1b[';
    expect(s.text()).toBe(
      'v1: Pulling from probe/ml\n'
      + `\n${E}1A${E}2K\r7ad3fb83e799: Already exists \r${E}1B`
      + `\n${E}1A${E}2K\re85e70915e42: Pulling fs layer \r${E}1B`
      + `\n${E}1A${E}2K\r22beb63baf0c: Pulling fs layer \r${E}1B`
      + `${E}2A${E}2K\re85e70915e42: Downloading [>${' '.repeat(50)}]  36.45kB/3.147MB\r${E}2B`
      + 'Digest: sha256:0e14\n');
  });

  it('draws bars only on wide terminals, and shows only the count when it passes the total', () => {
    expect(progressString(426000, 3147000, 130)).toBe(`[======>${' '.repeat(44)}]    426kB/3.147MB`);
    expect(progressString(3147000, 3147000, 130)).toBe(`[${'='.repeat(50)}>]  3.147MB/3.147MB`);
    expect(progressString(426000, 3147000, 80)).toBe('   426kB/3.147MB');
    expect(progressString(5000, 1000, 80)).toBe('     5kB');
    expect(progressString(0, 0)).toBe('');
  });
});
