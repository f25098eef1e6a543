// runtime/spec: pure functions from skiff's container records to OCI runtime-spec objects for runc.
export { buildSpec, DOCKER_MASKED_PATHS, DOCKER_READONLY_PATHS, type SpecHost, type SpecInput } from './build-spec.js';
export { buildExecProcess, type ExecProcessInput } from './exec-process.js';
export { resolveUser, parseGroup, parsePasswd, type ReadFile, type ResolvedUser } from './user.js';
export {
  allCapabilities, capabilitiesForUser, CAPABILITY_NAMES, DOCKER_DEFAULT_CAPS, normalizeCapName, tweakCapabilities,
  type CapabilityHost, type CapabilityRequest,
} from './capabilities.js';
export { buildProcessEnv, commandFor, DEFAULT_PATH_ENV, mergeImageConfig, replaceOrAppendEnv } from './process-config.js';
export { collectUserMounts, isValidMountMode, type UserMount } from './user-mounts.js';
export { DEFAULT_SHM_SIZE, DOCKER_INIT_PATH, type EtcFilePaths } from './mounts.js';
export { buildResources, buildRlimits, parseDeviceCgroupRule, type HostHardLimits } from './resources.js';
export { containerHostname, isHostNetwork } from './namespaces.js';
export { goArch, parseSeccompProfile, renderSeccomp, type SeccompProfile, type SeccompTarget } from './seccomp.js';
export { parseSecurityOpts, type SecurityOptions } from './security-opts.js';
export type * from './types.js';
export { OCI_VERSION } from './types.js';
