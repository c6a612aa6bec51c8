import type { NetworkInterfaceInfo } from '../../hal/interface.ts';

/**
 * Whether to try the server now. Down only when the device has physical interfaces and none of them
 * is up: with no interface information at all (a tree without /sys/class/net) the request itself
 * decides, and a network error then backs off like any other.
 */
export function linkLooksUp(interfaces: readonly NetworkInterfaceInfo[]): boolean {
  const physical = interfaces.filter((i) => !i.virtual);
  if (physical.length === 0) return true;
  return physical.some((i) => i.operstate === 'up' || i.operstate === 'unknown');
}
