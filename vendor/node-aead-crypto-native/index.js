'use strict';
// node-dtls-client loads this module only on Node < 10 (see its lib/AEADCrypto.js); meterflow
// needs Node >= 20, where node:crypto provides AES-CCM and AES-GCM natively.
throw new Error('node-aead-crypto is not needed on Node >= 10: node:crypto provides AES-CCM/GCM');
