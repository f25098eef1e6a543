// slirp4netns's fixed addresses (engine-facts §5.3): the container, the gateway (the host), the prefix.
export const SLIRP_IP = '10.0.2.100';
export const SLIRP_GATEWAY = '10.0.2.2';
export const SLIRP_PREFIX = 24;
