// `run --rm [FLAGS] busybox sh -c PROBE` cases for the paired docker/skiff test: each probe prints what
// the flag changes inside the container, so both engines must print the same thing.
import { expect } from 'vitest';
import type { CaseOutcome, PairedCase } from '../../test-support/paired.js';

const probe = (name: string, flags: string[], script: string, more: Partial<PairedCase> = {}): PairedCase =>
  ({ name, argv: () => ['run', '--rm', ...flags, 'busybox', 'sh', '-c', script], ...more });

export const CGROUP_WARNING = 'WARNING: Resource limits are not supported and ignored on cgroups V1 rootless systems\n';
/** Rootless skiff cannot limit resources on cgroup v1: it warns once (at create) and the limit is not applied. */
const rootlessLimits = (docker: CaseOutcome, skiff: CaseOutcome) => {
  expect(skiff).toMatchObject({ code: 0, stderr: CGROUP_WARNING });
  expect(docker.stderr).toBe('');
  expect(skiff.stdout).not.toBe(docker.stdout);
};
/** Rootless: /dev/null and friends are bind mounts from the host (no mknod in a user namespace), as with Podman. */
const DEV_BINDS = ['/dev/null', '/dev/random', '/dev/full', '/dev/tty', '/dev/zero', '/dev/urandom'].map((d) => `${d}\n`).join('');
const rootlessDevBinds = (docker: CaseOutcome, skiff: CaseOutcome) => {
  expect(skiff).toEqual({ ...docker, stdout: docker.stdout.replace('/etc/hosts\n', `/etc/hosts\n${DEV_BINDS}`) });
};

export const ENV_CASES: PairedCase[] = [
  probe('default env (sorted)', [], 'env | sort'),
  probe('-e and -e NAME from the client env', ['-e', 'FOO=bar', '-e', 'EMPTY=', '-e', 'PAIRED_FROM_CLIENT', '-e', 'PAIRED_UNSET'], 'env | sort'),
  { name: '--env-file', argv: (c) => ['run', '--rm', '--env-file', `${c.tmp}/env.list`, '-e', 'B=override', 'busybox', 'sh', '-c', 'env | sort'] },
  probe('-w creates a missing directory', ['-w', '/tmp/new/dir'], 'pwd; ls -ld /tmp/new/dir | cut -c1-10'),
  probe('-w relative is refused', ['-w', 'rel'], 'pwd'),
  probe('id of the default user', [], 'id; echo $HOME'),
  probe('-u name', ['-u', 'nobody'], 'id; echo $HOME; grep CapEff /proc/self/status'),
  probe('-u uid', ['-u', '1000'], 'id; echo $HOME'),
  probe('-u uid:gid', ['-u', '1000:100'], 'id'),
  probe('-u name:group', ['-u', 'daemon:wheel'], 'id'),
  probe('-u unknown user', ['-u', 'nosuchuser'], 'id'),
  probe('-u unknown group', ['-u', 'root:nosuchgroup'], 'id'),
  { name: '--entrypoint', argv: () => ['run', '--rm', '--entrypoint', 'echo', 'busybox', 'a', 'b'] },
  { name: '--entrypoint "" keeps the command', argv: () => ['run', '--rm', '--entrypoint', '', 'busybox', 'echo', 'hi'] },
  { name: '--entrypoint "" with no command', argv: () => ['run', '--rm', '--entrypoint', '', 'busybox'] },
  probe('-h / --hostname', ['-h', 'myhost'], 'hostname; cat /etc/hostname; echo $HOSTNAME'),
  probe('-h with --network none: not in /etc/hosts', ['-h', 'myhost', '--network', 'none'], 'cat /etc/hosts'),
  probe('default /etc/hostname is the short id', [], 'cat /etc/hostname; hostname'),
  probe('--init makes the init pid 1', ['--init'], 'cat /proc/1/cmdline | tr "\\0" " "; echo; [ $$ -ne 1 ] && echo "sh is not pid 1"'),
  probe('no --init: the command is pid 1', [], 'cat /proc/1/cmdline | tr "\\0" " "; echo; echo $$'),
];

export const SECURITY_CASES: PairedCase[] = [
  probe('default capabilities', [], 'grep -E "^Cap(Inh|Prm|Eff|Bnd|Amb)" /proc/self/status'),
  probe('--privileged', ['--privileged'], 'grep -E "^Cap(Eff|Bnd)" /proc/self/status; ls /dev | wc -l; grep -c . /proc/self/mountinfo >/dev/null && echo ok'),
  probe('--cap-add / --cap-drop', ['--cap-add', 'NET_ADMIN', '--cap-add', 'sys_time', '--cap-drop', 'chown', '--cap-drop', 'CAP_KILL'], 'grep -E "^Cap(Eff|Bnd)" /proc/self/status'),
  probe('--cap-drop ALL --cap-add one', ['--cap-drop', 'ALL', '--cap-add', 'CHOWN'], 'grep -E "^Cap(Eff|Bnd)" /proc/self/status'),
  probe('--read-only', ['--read-only'], 'touch /x; echo $?; touch /tmp/x; echo $?; touch /dev/shm/x; echo $?'),
  probe('--tmpfs /run', ['--tmpfs', '/run'], 'grep " /run " /proc/mounts'),
  probe('--tmpfs with options', ['--tmpfs', '/run:rw,size=64k,mode=1700'], 'grep " /run " /proc/mounts; ls -ld /run | cut -c1-10'),
  probe('masked paths', [], 'wc -c < /proc/kcore; ls -A /sys/firmware | wc -l; cat /proc/timer_list | wc -c; grep -c . /proc/sys/kernel/hostname'),
  probe('read-only paths', [], 'echo 1 > /proc/sys/kernel/domainname; echo $?; grep -E " /proc/(bus|fs|irq|sys|sysrq-trigger) " /proc/mounts | cut -d" " -f2,4'),
  probe('mount points (destinations)', [], 'cut -d" " -f5 /proc/self/mountinfo', { rootless: rootlessDevBinds }),
  probe('mount points with --privileged', ['--privileged'], 'cut -d" " -f5 /proc/self/mountinfo'),
  probe('/dev and /dev/shm', [], 'ls -A /dev | sort | tr "\\n" " "; echo; grep -E " /dev(/shm|/pts|/mqueue)? " /proc/mounts | cut -d" " -f2-4'),
];

export const MOUNT_CASES: PairedCase[] = [
  { name: '-v bind rw', argv: (c) => ['run', '--rm', '-v', `${c.tmp}/data:/data`, 'busybox', 'sh', '-c', 'cat /data/f; echo new > /data/g && cat /data/g; grep " /data " /proc/mounts | cut -d" " -f2,4'] },
  { name: '-v bind ro', argv: (c) => ['run', '--rm', '-v', `${c.tmp}/data:/data:ro`, 'busybox', 'sh', '-c', 'cat /data/f; touch /data/g; echo $?; grep " /data " /proc/mounts | cut -d" " -f2,4'] },
  { name: '-v creates a missing host directory', argv: (c) => ['run', '--rm', '-v', `${c.tmp}/made/here:/m`, 'busybox', 'sh', '-c', 'ls -A /m | wc -l'] },
  { name: '--mount type=bind,readonly', argv: (c) => ['run', '--rm', '--mount', `type=bind,source=${c.tmp}/data,target=/data,readonly`, 'busybox', 'sh', '-c', 'cat /data/f; touch /data/g; echo $?; grep " /data " /proc/mounts | cut -d" " -f2,4'] },
  { name: '--mount with a missing source', argv: (c) => ['run', '--rm', '--mount', `type=bind,source=${c.tmp}/nonexistent,target=/data`, 'busybox', 'true'] },
  { name: '-v duplicate mount point', argv: (c) => ['run', '--rm', '-v', `${c.tmp}/data:/data`, '--tmpfs', '/data', 'busybox', 'true'] },
];

const MEM = '/sys/fs/cgroup/memory';

export const RESOURCE_CASES: PairedCase[] = [
  probe('--ulimit nofile', ['--ulimit', 'nofile=1024:2048'], 'ulimit -n; ulimit -Hn'),
  probe('default ulimits', [], 'ulimit -n; ulimit -Hn; ulimit -u'),
  probe('--memory', ['--memory', '64m'], `cat ${MEM}/memory.limit_in_bytes ${MEM}/memory.memsw.limit_in_bytes 2>/dev/null`, { rootless: rootlessLimits }),
  probe('--memory and --memory-swap', ['--memory', '64m', '--memory-swap', '128m'], `cat ${MEM}/memory.limit_in_bytes ${MEM}/memory.memsw.limit_in_bytes 2>/dev/null`, { rootless: rootlessLimits }),
  probe('--cpus', ['--cpus', '0.5'], 'cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us 2>/dev/null', { rootless: rootlessLimits }),
  probe('--pids-limit', ['--pids-limit', '100'], 'cat /sys/fs/cgroup/pids/pids.max 2>/dev/null; true', { rootless: rootlessLimits }),
  probe('--blkio-weight on a host without blkio weight', ['--blkio-weight', '300'], 'true', { rootless: 'skip' }),
  probe('no limits', [], 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/pids/pids.max', { rootless: 'skip' }),
  probe('--memory below the minimum', ['--memory', '1m'], 'true'),
  probe('--cpus above the host', ['--cpus', '64'], 'true'),
];

export const NETWORK_CASES: PairedCase[] = [
  probe('--network none', ['--network', 'none'], 'ip addr | grep -E "^[0-9]+:|inet"; cat /etc/hosts; cat /etc/resolv.conf'),
  probe('--network host', ['--network', 'host'], 'hostname; ip link | grep -c "^[0-9]"; cat /etc/hosts; cat /etc/resolv.conf', { rootless: 'skip' }),
  probe('--network host with -h', ['--network', 'host', '-h', 'x'], 'true'),
  probe('default /etc/resolv.conf', [], 'cat /etc/resolv.conf'),
  probe('default /etc/hosts', [], 'cat /etc/hosts'),
  probe('default network: IPv6 off, loopback up', [], 'cat /proc/sys/net/ipv6/conf/all/disable_ipv6; ip addr show lo | grep inet'),
  probe('--sysctl turns IPv6 back on', ['--network', 'none', '--sysctl', 'net.ipv6.conf.all.disable_ipv6=0'], 'ip addr show lo | grep inet'),
  probe('--dns and --dns-search', ['--dns', '9.9.9.9', '--dns-search', 'example.com', '--dns-option', 'ndots:2'], 'cat /etc/resolv.conf'),
  probe('--add-host', ['--network', 'none', '--add-host', 'db:10.0.0.5'], 'cat /etc/hosts'),
];
