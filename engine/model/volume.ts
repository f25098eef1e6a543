// A volume of the local driver and the mount points a container records at create (moby's
// volume.Volume and container.MountPoints), kept in the state so that `volume rm` can see who uses it.

export interface VolumeRecord {
  Name: string;
  Driver: 'local';
  /** RFC 3339, seconds precision, as Docker reports CreatedAt. */
  CreatedAt: string;
  Labels: Record<string, string> | null;
  /** Driver options (`-o type=tmpfs -o device=tmpfs -o o=size=1m`); null when none. */
  Options: Record<string, string> | null;
  /** Created without a name (`-v /path`, an image VOLUME, `volume create` with no name): from API 1.42 only these are pruned by default. */
  Anonymous?: boolean;
}

/** One entry of a container's mounts as inspect's Mounts lists it, plus what start and rm need. */
export interface MountPoint {
  Type: 'volume' | 'bind' | 'tmpfs';
  /** The volume's name (volumes only). */
  Name?: string;
  /** Host path: the bind source or the volume's _data directory. */
  Source: string;
  Destination: string;
  /** "local" (volumes only). */
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
  /** The user gave no volume name: `rm -v` removes the volume with the container. */
  Anonymous?: boolean;
  /** Copy the image's content at Destination into the volume when it is empty (not with nocopy). */
  CopyData?: boolean;
  /** --mount bind-nonrecursive. */
  NonRecursive?: boolean;
  /** --mount type=tmpfs data (`size=1m,mode=700`). */
  TmpfsData?: string;
}
