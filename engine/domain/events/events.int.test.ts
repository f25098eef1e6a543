// End to end: every skiff process (and conmon's exit command) appends to the engine's events log, and
// `events` reads it back in Docker's order and shapes, as root and rootless.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, uniqueName, type Target } from '../../test-support/cli.js';

const targets: Array<() => Target> = [rootTarget];
if (rootlessAvailable()) targets.push(rootlessTarget);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Now as a Unix timestamp with a fraction: a bound already in the past when `events` reads it. */
const stamp = () => (Date.now() / 1000).toFixed(6);

describe.each(targets.map((make) => ({ make, label: make === rootTarget ? 'root' : 'rootless' })))('events ($label)', ({ make }) => {
  let t: Target;
  const created: string[] = [];
  const label = `skiff.events=${uniqueName('ev')}`;
  const FORMAT = '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{with .Actor.Attributes.exitCode}}{{.}}{{end}}{{with .Actor.Attributes.signal}}{{.}}{{end}}';

  beforeAll(async () => {
    t = make();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });

  afterAll(async () => {
    if (created.length > 0) await t.run(['rm', '-f', ...created]);
  });

  /** The events of one container since `since`, as "type action name code|signal" lines. */
  async function eventsOf(name: string, since: string, extra: string[] = []): Promise<string[]> {
    const r = await t.run(['events', '--since', since, '--until', stamp(), '--filter', `container=${name}`, '--filter', 'type=container', '--format', FORMAT, ...extra]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout.split('\n').filter(Boolean).map((l) => l.trimEnd());
  }

  /** Polls until the events end with `last` (conmon's exit command may still be writing them). */
  async function settled(name: string, since: string, last: string): Promise<string[]> {
    let lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      lines = await eventsOf(name, since);
      if (lines.at(-1) === last) break;
      await sleep(200);
    }
    return lines;
  }

  it('run --rm: create, attach, start, die (once), destroy', async () => {
    const since = stamp();
    const name = uniqueName('ev-rm');
    const r = await t.run(['run', '--rm', '--name', name, '--label', label, 'busybox', 'sh', '-c', 'exit 3']);
    expect(r.code).toBe(3);
    const lines = await settled(name, since, `container destroy ${name}`);
    expect(lines).toEqual([
      `container create ${name}`, `container attach ${name}`, `container start ${name}`,
      `container die ${name} 3`, `container destroy ${name}`,
    ]);
  });

  it('records the die of a detached container from conmon\'s exit command, with no skiff process alive', async () => {
    const since = stamp();
    const name = uniqueName('ev-bg');
    created.push(name);
    expect((await t.run(['run', '-d', '--name', name, '--label', label, 'busybox', 'sh', '-c', 'sleep 1; exit 5'])).code).toBe(0);
    // Nothing of skiff runs while the container ends: only the exit command can see it.
    await sleep(4000);
    const lines = await eventsOf(name, since);
    expect(lines).toEqual([`container create ${name}`, `container start ${name}`, `container die ${name} 5`]);
  });

  it('stop and rm: the stop signal, SIGKILL after the timeout, die, stop, then destroy', async () => {
    const since = stamp();
    const name = uniqueName('ev-stop');
    expect((await t.run(['run', '-d', '--name', name, '--label', label, 'busybox', 'sleep', '300'])).code).toBe(0);
    expect((await t.run(['stop', '-t', '1', name])).code).toBe(0);
    expect((await t.run(['rm', name])).code).toBe(0);
    expect(await eventsOf(name, since)).toEqual([
      `container create ${name}`, `container start ${name}`, `container kill ${name} 15`, `container kill ${name} 9`,
      `container die ${name} 137`, `container stop ${name}`, `container destroy ${name}`,
    ]);
  });

  it('exec: exec_create and exec_start name the command, exec_die has the exit code; filters pick them', async () => {
    const since = stamp();
    const name = uniqueName('ev-exec');
    created.push(name);
    expect((await t.run(['run', '-d', '--name', name, '--label', label, 'busybox', 'sleep', '300'])).code).toBe(0);
    expect((await t.run(['exec', name, 'sh', '-c', 'exit 2'])).code).toBe(2);
    expect(await eventsOf(name, since, ['--filter', 'event=exec_create', '--filter', 'event=exec_die'])).toEqual([
      `container exec_create: sh -c exit 2 ${name}`, `container exec_die ${name} 2`,
    ]);
    const json = await t.run(['events', '--since', since, '--until', stamp(), '--filter', `container=${name}`, '--filter', 'event=exec_start', '--format', 'json']);
    const ev = JSON.parse(json.stdout) as { Action: string; Actor: { Attributes: Record<string, string> }; timeNano: number };
    expect(ev.Action).toBe('exec_start: sh -c exit 2');
    expect(ev.Actor.Attributes.execID).toMatch(/^[0-9a-f]{64}$/);
    expect(json.stdout).toMatch(/"timeNano":\d{19}\}\n$/);
  });

  it('since/until bound the events; the default line is Docker\'s', async () => {
    const name = uniqueName('ev-window');
    expect((await t.run(['create', '--name', name, '--label', label, 'busybox', 'true'])).code).toBe(0);
    await sleep(50);
    const middle = stamp();
    await sleep(50);
    expect((await t.run(['rm', name])).code).toBe(0);
    const before = await t.run(['events', '--since', '1m', '--until', middle, '--filter', `container=${name}`]);
    expect(before.stdout).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d) container create [0-9a-f]{64} \\(image=busybox, name=${name}, skiff\\.events=[\\w-]+\\)\\n$`));
    expect(await eventsOf(name, middle)).toEqual([`container destroy ${name}`]);
  });

  it('a follower sees what other processes record, then ends at --until', async () => {
    const name = uniqueName('ev-follow');
    const until = String(Math.floor(Date.now() / 1000) + 8);
    const follower = t.run(['events', '--until', until, '--filter', `label=${label}`, '--filter', `container=${name}`, '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
    await sleep(2500);
    expect((await t.run(['create', '--name', name, '--label', label, 'busybox', 'true'])).code).toBe(0);
    expect((await t.run(['rm', name])).code).toBe(0);
    const r = await follower;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`create ${name}\ndestroy ${name}\n`);
  });
});
