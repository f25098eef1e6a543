// Docker's containers on user networks resolve through 127.0.0.11 (the embedded DNS). skiff's
// resolver is aardvark-dns on the network's gateway, so inside the container's namespace queries to
// 127.0.0.11:53 are redirected there and their loopback source rewritten to the container's address.
import { run } from '../sys/process.js';

export const EMBEDDED_DNS = '127.0.0.11';

/** iptables-restore input for the container's netns (nat table only). */
export function dnsRedirectRules(gateway: string, containerIp: string): string {
  return [
    '*nat',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    `-A OUTPUT -d ${EMBEDDED_DNS}/32 -p udp -m udp --dport 53 -j DNAT --to-destination ${gateway}:53`,
    `-A OUTPUT -d ${EMBEDDED_DNS}/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination ${gateway}:53`,
    `-A POSTROUTING -s 127.0.0.0/8 -d ${gateway}/32 -j SNAT --to-source ${containerIp}`,
    'COMMIT',
    '',
  ].join('\n');
}

// Loopback-sourced packets may only leave lo with route_localnet; one shell does both steps in the netns.
const SCRIPT = 'for f in /proc/sys/net/ipv4/conf/all/route_localnet /proc/sys/net/ipv4/conf/"$1"/route_localnet; do echo 1 > "$f" || exit 1; done; exec iptables-restore --noflush';

/** Installs the redirect; false when it could not be done (then resolv.conf names the gateway itself). */
export async function redirectEmbeddedDns(netns: string, iface: string, gateway: string, containerIp: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const r = await run('nsenter', [`--net=${netns}`, '/bin/sh', '-c', SCRIPT, 'dns-redirect', iface], { input: dnsRedirectRules(gateway, containerIp), env });
  return r.exitCode === 0;
}
