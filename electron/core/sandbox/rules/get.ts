import type { Handler } from '../http-types';
import { json } from '../http-types';
import { presentOrder } from '../present';
import { findOrder } from './order-access';

export const getOrder: Handler = (ctx, state) =>
  json(presentOrder(findOrder(ctx, state), state.clock.now(), state.baseUrl));
