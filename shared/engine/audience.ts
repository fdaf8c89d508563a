import type { Role } from '../runbook/types.ts';
import type { Audience } from '../scenario/schema.ts';

/** Whether a seat of this role receives an inject with this audience. Facilitators receive everything. */
export function audienceIncludes(audience: Audience, role: Role | 'system'): boolean {
  if (role === 'facilitator' || role === 'system') return true;
  if (audience === 'all') return true;
  if (audience === 'facilitator') return false;
  return (audience as readonly string[]).includes(role);
}
