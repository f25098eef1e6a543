// Which events a set of filters lets through, with moby's rules: values of one key are alternatives,
// keys must all match; container/network/volume/daemon… match the actor's id or name by prefix, on
// every event type; image matches the id, the image name, or either without its tag; label is a
// key[=value] list that must all hold; an unknown key is ignored, as Docker 20.10 ignores it.
// docker parity: moby 20.10 daemon/events/filter.go, api/types/filters/parse.go
import { familiarName, parseNormalizedNamed } from '../../images/reference.js';
import type { EventMessage, Filters } from './types.js';

const NAME_KEYS = ['daemon', 'container', 'plugin', 'volume', 'network', 'node', 'service', 'secret', 'config'];
/** An `event` filter naming one of these matches the action by prefix ("exec_create: sh -c …"). */
const SUFFIXED_ACTIONS = new Set(['health_status', 'exec_create', 'exec_start']);

export function eventMatches(f: Filters, ev: EventMessage): boolean {
  const attrs = ev.Actor.Attributes;
  const matchAction = (f.event ?? []).some((v) => SUFFIXED_ACTIONS.has(v)) ? fuzzy(f, 'event', ev.Action) : exact(f, 'event', ev.Action);
  return matchAction
    && exact(f, 'type', ev.Type)
    && exact(f, 'scope', ev.scope)
    && NAME_KEYS.every((key) => fuzzy(f, key, ev.Actor.ID) || fuzzy(f, key, attrs.name ?? ''))
    && matchImage(f, ev)
    && matchKVList(f, 'label', attrs);
}

const values = (f: Filters, key: string): string[] | undefined => (f[key]?.length ? f[key] : undefined);

/** Args.ExactMatch: no values, or one equal to the source. */
function exact(f: Filters, key: string, source: string): boolean {
  const vs = values(f, key);
  return !vs || vs.includes(source);
}

/** Args.FuzzyMatch: no values, or one that is a prefix of the source. */
function fuzzy(f: Filters, key: string, source: string): boolean {
  const vs = values(f, key);
  return !vs || vs.some((v) => source.startsWith(v));
}

/** Args.MatchKVList: every `key` or `key=value` holds in the attributes. */
function matchKVList(f: Filters, key: string, attrs: Record<string, string>): boolean {
  const vs = values(f, key);
  if (!vs) return true;
  if (Object.keys(attrs).length === 0) return false;
  return vs.every((v) => {
    const eq = v.indexOf('=');
    const k = eq < 0 ? v : v.slice(0, eq);
    if (!Object.hasOwn(attrs, k)) return false;
    return eq < 0 || attrs[k] === v.slice(eq + 1);
  });
}

/** The actor id, and the image of a container (the name of an image event), each also without its tag. */
function matchImage(f: Filters, ev: EventMessage): boolean {
  const name = ev.Actor.Attributes[ev.Type === 'image' ? 'name' : 'image'] ?? '';
  const id = ev.Actor.ID;
  return exact(f, 'image', id) || exact(f, 'image', name) || exact(f, 'image', stripTag(id)) || exact(f, 'image', stripTag(name));
}

function stripTag(image: string): string {
  try {
    return familiarName(parseNormalizedNamed(image));
  } catch {
    return image;
  }
}
