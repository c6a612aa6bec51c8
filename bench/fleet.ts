// fleetDevicesPerSecond and requestsPerDevice: a `mixed` fleet through the fleet runner.
// Wired to simulator/fleet once the runner lands (issue 6); until then this measures nothing and says so.

export interface FleetFigures {
  devicesPerSecond: number;
  requestsPerDevice: number;
}

export async function measureFleet(_devices: number): Promise<FleetFigures> {
  return { devicesPerSecond: Number.NaN, requestsPerDevice: Number.NaN };
}
