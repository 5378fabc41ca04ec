import type { BulkOrder } from '../../electron/core/orders/bulk-load';
import { demoOrders } from '../../electron/core/sandbox';
import { presentOrder } from '../../electron/core/sandbox/present';
import { fromDemo } from '../../electron/core/sandbox/state';

/**
 * The sandbox's own deterministic demo orders, as the console would cache them: the API's answer
 * (as the sandbox presents it at `now`) and what the create request said.
 */
export function* sandboxOrders(count: number, seed: number, now: number): Generator<BulkOrder> {
  for (const demo of demoOrders({ count, seed, now })) {
    yield {
      api: presentOrder(fromDemo(demo), now, 'http://127.0.0.1:4010'),
      userId: demo.userId,
      known: {
        location_code: demo.locationCode,
        first_name: demo.firstName,
        last_name: demo.lastName,
        user_phone: demo.phone,
        address: demo.address,
        bag_label: demo.bagLabel,
        items_count: demo.itemsCount,
        bags_count: demo.bagsCount,
        items_weight: demo.itemsWeight,
        cart_total: demo.cartTotal,
        initial_tip_cents: demo.tipCents,
        alcoholic: demo.alcoholic,
        leave_unattended: demo.leaveUnattended,
        ...(demo.specialInstructions ? { special_instructions: demo.specialInstructions } : {}),
      },
    };
  }
}
