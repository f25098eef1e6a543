// The container's /etc/hostname: the hostname and a newline (Docker; Podman omits the newline).
export const buildHostnameFile = (hostname: string): string => `${hostname}\n`; // docker parity: measured /etc/hostname
