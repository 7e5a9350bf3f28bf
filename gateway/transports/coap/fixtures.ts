/**
 * Real meter payloads for the transport tests, copied from the water-meter conformance corpus.
 * The transports do not decode them; they must carry them byte for byte.
 */

/**
 * adeunis Pulse NB-IoT, "0x5a Pulse 4 data - channel A": 8-byte IMEI-like prefix (placeholder),
 * signal quality, global frame counter, then the Pulse 4 frame. Source: TheThingsNetwork
 * lorawan-devices vendor/adeunis/pulse-nb-iot-codec.yaml, commit 62c8acdd.
 */
export const ADEUNIS_PULSE_NBIOT_HEX = '112233445566778803000000265A6700000127000100020003000414ABA3E9';

/**
 * quandify CubicMeter 1.1 plastic, "Normal status report", fPort 1 (totalVolume 5342 L).
 * Source: TheThingsNetwork lorawan-devices vendor/quandify/cubicmeter-1-1-plastic-codec.yaml,
 * commit 6a225728.
 */
export const QUANDIFY_STATUS_HEX = '49FBDF010000DE1400000000000046EDDF0106FC8B0702E2E6535455';
