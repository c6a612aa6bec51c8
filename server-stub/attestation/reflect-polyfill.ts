// @peculiar/x509 resolves its algorithms through tsyringe, which refuses to load unless the
// `Reflect.getMetadata` API (the reflect-metadata proposal) exists. reflect-metadata is not a
// dependency of this project, so this installs the three functions tsyringe uses, backed by a
// WeakMap, when nothing else has. Import ./x509.ts (which imports this first), never @peculiar/x509.

type Key = unknown;
type Prop = string | symbol | undefined;

interface MetadataReflect {
  defineMetadata?: (key: Key, value: unknown, target: object, prop?: Prop) => void;
  getOwnMetadata?: (key: Key, target: object, prop?: Prop) => unknown;
  getMetadata?: (key: Key, target: object, prop?: Prop) => unknown;
  hasMetadata?: (key: Key, target: object, prop?: Prop) => boolean;
}

const store = new WeakMap<object, Map<Prop, Map<Key, unknown>>>();

function own(target: object, prop: Prop, create: boolean): Map<Key, unknown> | undefined {
  let byProp = store.get(target);
  if (byProp === undefined) {
    if (!create) return undefined;
    byProp = new Map();
    store.set(target, byProp);
  }
  let byKey = byProp.get(prop);
  if (byKey === undefined && create) {
    byKey = new Map();
    byProp.set(prop, byKey);
  }
  return byKey;
}

function lookup(key: Key, target: object, prop: Prop): { found: boolean; value: unknown } {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
    const m = own(t, prop, false);
    if (m?.has(key)) return { found: true, value: m.get(key) };
  }
  return { found: false, value: undefined };
}

const R = Reflect as unknown as MetadataReflect;
if (typeof R.getMetadata !== 'function') {
  R.defineMetadata = (key, value, target, prop) => {
    own(target, prop, true)?.set(key, value);
  };
  R.getOwnMetadata = (key, target, prop) => own(target, prop, false)?.get(key);
  R.getMetadata = (key, target, prop) => lookup(key, target, prop).value;
  R.hasMetadata = (key, target, prop) => lookup(key, target, prop).found;
}
