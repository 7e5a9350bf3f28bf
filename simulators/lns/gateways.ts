/**
 * The LoRaWAN gateways that hear the simulated fleet: a fixed pool, each with an EUI (ChirpStack
 * names gateways by EUI) and an id (The Things Stack names them by id and also gives the EUI).
 */
export interface SimGateway {
  /** The Things Stack gateway id. */
  id: string;
  /** EUI-64, lower-case hex (ChirpStack's gatewayId). */
  eui: string;
}

export const GATEWAY_POOL_SIZE = 8;

export const GATEWAYS: readonly SimGateway[] = Array.from({ length: GATEWAY_POOL_SIZE }, (_, i) => ({
  id: `gw-${String(i + 1).padStart(2, '0')}`,
  eui: `a84041fffe1f${(0x2000 + i).toString(16)}`,
}));

export function gatewayByEui(eui: string): SimGateway | undefined {
  return GATEWAYS.find((g) => g.eui === eui);
}

/** CN470 uplink channel frequency (470.3 MHz + 0.2 MHz × channel), Hz. */
export function cn470FrequencyHz(channel: number): number {
  return 470_300_000 + 200_000 * channel;
}

/** Spreading factor a device settles on with ADR for its link budget. */
export function spreadingFactorFor(rssiDbm: number): number {
  if (rssiDbm > -100) return 7;
  if (rssiDbm > -108) return 9;
  if (rssiDbm > -114) return 10;
  return 12;
}

/** LoRaWAN CN470 data rate of a spreading factor at 125 kHz (DR0 = SF12 … DR5 = SF7). */
export function dataRateFor(spreadingFactor: number): number {
  return 12 - spreadingFactor;
}
