import { assumptions } from '../assumptions';
import { documented } from '../errors';
import type { Handler } from '../http-types';
import { json } from '../http-types';
import { ProblemReply } from '../problem';
import { availability, listSlots, slotById, toServiceOption } from '../service-options';
import type { SandboxStore } from '../stores';
import { storeByCode, storeIndex } from '../stores';
import { iso } from '../time';
import { Fields, readAddress } from './fields';
import { pathUser } from './order-access';

function openStore(code: string | undefined): SandboxStore {
  const store = storeByCode(code ?? '');
  if (!store?.availableForDelivery) throw new ProblemReply(documented.storeUnavailable);
  return store;
}

/** The time slots a store offers an address (modelled on the Connect delivery workflow, see the README). */
export const listServiceOptions: Handler = (ctx, state) => {
  pathUser(ctx, state);
  const fields = new Fields(ctx.body);
  const locationCode = fields.string('location_code', true, 64);
  readAddress(fields);
  if (fields.problems.length > 0) throw new ProblemReply(fields.problems);
  const store = openStore(locationCode);
  const now = state.clock.now();
  return json({ service_options: listSlots(storeIndex(store.code), now).map((slot) => toServiceOption(slot, now)) });
};

/** Reserves a slot: the hold's id is what create takes as service_option_hold_id. */
export const holdServiceOption: Handler = (ctx, state) => {
  const userId = pathUser(ctx, state);
  const fields = new Fields(ctx.body);
  const locationCode = fields.string('location_code', true, 64);
  if (fields.problems.length > 0) throw new ProblemReply(fields.problems);
  const store = openStore(locationCode);
  const rawId = ctx.params.service_option_id ?? '';
  const slot = /^\d{1,15}$/.test(rawId) ? slotById(Number(rawId)) : null;
  if (!slot || slot.store.code !== store.code) throw new ProblemReply(assumptions.serviceOptions.unknownOption);
  const now = state.clock.now();
  if (!availability(slot, now).available) throw new ProblemReply(documented.optionUnavailable);
  const hold = {
    id: state.nextHoldId(),
    optionId: slot.id,
    userId,
    locationCode: store.code,
    expiresAt: now + state.settings.holdTtlSeconds * 1000,
  };
  state.holds.set(hold.id, hold);
  return json({
    service_option_hold: { id: hold.id, expires_at: iso(hold.expiresAt), service_option: toServiceOption(slot, now) },
  });
};
