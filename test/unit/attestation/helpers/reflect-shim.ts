// @peculiar/x509 loads tsyringe, which refuses to load unless `Reflect.getMetadata` exists (the
// `reflect-metadata` polyfill is not installed). x509 only needs its decorators to run, so a minimal
// per-target metadata store is enough. Import this module before '@peculiar/x509'.

type Key = string | symbol;
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object, property?: Key) => unknown;
  getOwnMetadata?: (key: unknown, target: object, property?: Key) => unknown;
  hasMetadata?: (key: unknown, target: object, property?: Key) => boolean;
  defineMetadata?: (key: unknown, value: unknown, target: object, property?: Key) => void;
  metadata?: (key: unknown, value: unknown) => (target: object, property?: Key) => void;
};

const R = Reflect as MetadataReflect;
if (typeof R.getMetadata !== 'function') {
  const store = new WeakMap<object, Map<Key | undefined, Map<unknown, unknown>>>();
  const own = (target: object, property: Key | undefined) => store.get(target)?.get(property);
  R.getOwnMetadata = (key, target, property) => own(target, property)?.get(key);
  R.getMetadata = (key, target, property) => {
    for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
      const map = own(t, property);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  R.hasMetadata = (key, target, property) => R.getMetadata?.(key, target, property) !== undefined;
  R.defineMetadata = (key, value, target, property) => {
    const byProperty = store.get(target) ?? new Map<Key | undefined, Map<unknown, unknown>>();
    store.set(target, byProperty);
    const map = byProperty.get(property) ?? new Map<unknown, unknown>();
    byProperty.set(property, map);
    map.set(key, value);
  };
  R.metadata = (key, value) => (target, property) => R.defineMetadata?.(key, value, target, property);
}
