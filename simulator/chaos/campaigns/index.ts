// Every chaos campaign, in the order `npm run -s chaos` runs them.

import type { Campaign } from '../types.ts';
import { agentKillCampaign } from './agent-kill.ts';
import { clockCampaign } from './clock.ts';
import { hostileServerCampaign } from './hostile-server.ts';
import { linkFlapCampaign } from './link-flap.ts';
import { securityCampaign } from './security.ts';
import { serverFaultsCampaign } from './server-faults.ts';
import { smartSerialCampaign } from './smart-serial.ts';
import { stateCorruptCampaign } from './state-corrupt.ts';
import { stateDirCampaign } from './state-dir.ts';
import { stubKillCampaign } from './stub-kill.ts';
import { tlsMitmCampaign } from './tls-mitm.ts';

export const CAMPAIGNS: readonly Campaign[] = [
  agentKillCampaign,
  stateDirCampaign,
  stateCorruptCampaign,
  clockCampaign,
  linkFlapCampaign,
  smartSerialCampaign,
  stubKillCampaign,
  serverFaultsCampaign,
  hostileServerCampaign,
  securityCampaign,
  tlsMitmCampaign,
];
