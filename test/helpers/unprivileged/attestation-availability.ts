// Probe: prints {uid, result: availability} of the attestation-file key store under argv[2].
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';

const result = await new AttestationFileKeyStore({ root: process.argv[2] ?? '/' }).availability();
process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), result })}\n`);
