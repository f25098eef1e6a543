// The Docker SDK for Python against `skiff system service`: containers.run, logs, exec_run,
// put_archive/get_archive, and events.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, uniqueName } from '../../test-support/cli.js';
import { startRootService, type ApiService } from '../../test-support/api-service.js';

const SCRIPT = String.raw`
import docker, io, json, sys, tarfile, time
sock, name = sys.argv[1], sys.argv[2]
c = docker.DockerClient(base_url='unix://' + sock)
out = {'sdk': docker.__version__}
since = int(time.time())
out['run'] = c.containers.run('busybox:latest', ['sh', '-c', 'echo from-run'], name=name + '-once', remove=True).decode()
ctr = c.containers.run('busybox:latest', ['sleep', '300'], name=name, detach=True, labels={'test': name})
out['status'] = c.containers.get(name).status
code, output = ctr.exec_run(['sh', '-c', 'echo exec-out; exit 5'])
out['exec'] = [code, output.decode()]
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode='w') as t:
    data = b'put through the api\n'
    info = tarfile.TarInfo('put.txt'); info.size = len(data); t.addfile(info, io.BytesIO(data))
out['put'] = ctr.put_archive('/tmp', buf.getvalue())
stream, stat = ctr.get_archive('/tmp/put.txt')
raw = io.BytesIO(b''.join(stream))
with tarfile.open(fileobj=raw) as t:
    out['get'] = [stat['name'], t.extractfile('put.txt').read().decode()]
ctr.stop(timeout=1)
ctr.reload(); out['after_stop'] = ctr.status
out['logs'] = c.containers.run('busybox:latest', ['sh', '-c', 'echo l1; echo l2 >&2'], name=name + '-logs', detach=True).wait()['StatusCode']
out['logtext'] = c.containers.get(name + '-logs').logs().decode()
ctr.remove(force=True)
c.containers.get(name + '-logs').remove()
events = c.events(since=since, until=int(time.time()) + 1, filters={'container': name}, decode=True)
# Docker's container filter is a pattern: name-once matches too; keep this container's own events.
out['events'] = [e['Action'].split(':')[0] for e in events if e.get('Type') == 'container' and e['Actor']['Attributes'].get('name') == name]
print(json.dumps(out))
sys.stderr.write('docker SDK ' + docker.__version__ + '\n')
`;

describe('docker-py through the API', () => {
  let svc: ApiService;
  beforeAll(async () => {
    svc = await startRootService();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { await svc?.stop(); });

  // Debian's python3-docker (5.0.3) under /usr/bin/python3, and whatever SDK the python3 on PATH has.
  it.each(['/usr/bin/python3', 'python3'])('runs, execs, copies, reads logs and events (%s)', async (python) => {
    const name = uniqueName('py');
    const r = await execa(python, ['-c', SCRIPT, svc.socket, name], { reject: false, timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.run).toBe('from-run\n');
    expect(out.status).toBe('running');
    expect(out.exec).toEqual([5, 'exec-out\n']);
    expect(out.put).toBe(true);
    expect(out.get).toEqual(['put.txt', 'put through the api\n']);
    expect(out.after_stop).toBe('exited');
    expect(out.logs).toBe(0);
    expect(out.logtext).toBe('l1\nl2\n');
    expect(out.events).toEqual(expect.arrayContaining(['create', 'start', 'exec_create', 'exec_start', 'exec_die', 'kill', 'die', 'stop', 'destroy']));
    expect(out.events.slice(0, 2)).toEqual(['create', 'start']);
    expect(out.events.at(-1)).toBe('destroy');
  });
});
