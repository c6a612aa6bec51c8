import { MemoryIdentitySource } from '../../hal/backends/memory/identity.ts';
import { describeIdentitySourceContract } from './identity-source.contract.ts';

describeIdentitySourceContract('memory', async (spec) => new MemoryIdentitySource(spec));
