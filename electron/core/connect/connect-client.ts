import type {
  ApiOrder,
  CreateOrderRequest,
  ServiceOption,
  ServiceOptionHold,
  StageOrderRequest,
  UpdateOrderRequest,
} from '../../../shared/domain';
import { inStatusGroup, STAGED_OR_LATER } from '../../../shared/domain';
import type { ConnectError } from './connect-error';
import { isConnectError } from './connect-error';
import { newOrderId } from './order-id';
import type { CallOptions, RequesterOptions } from './requester';
import { Requester } from './requester';
import { apiOrderSchema, holdSchema, serviceOptionsSchema } from './responses';

export interface CreateOptions extends CallOptions {
  /** The retailer has asynchronous creation enabled: the answer is short, the rest arrives later. */
  async?: boolean;
}

export interface CreateOutcome {
  order: ApiOrder;
  /** The order id sent (the caller's, or one generated when it was blank). */
  orderId: string;
  /** True when the create's own answer was lost and the order was found by a get instead. */
  reconciled: boolean;
}

export interface StageOptions extends CallOptions {
  /** false: a lost answer is reported as it is, for a caller that settles it itself (bulk staging's journal). */
  settle?: boolean;
}

export interface StageOutcome {
  order: ApiOrder;
  reconciled: boolean;
}

/** The typed Connect last mile API of one environment. */
export class ConnectClient {
  private readonly requester: Requester;

  constructor(options: RequesterOptions) {
    this.requester = new Requester(options);
  }

  /** Exchanges the credentials for a fresh token: the "test connection" of an environment. */
  async testConnection(): Promise<void> {
    this.requester.tokens.clear();
    await this.requester.tokens.get();
  }

  /** Makes sure there is a token, reusing a cached one. */
  async signIn(): Promise<void> {
    await this.requester.tokens.get();
  }

  getOrder(orderId: string, userId?: string, options?: CallOptions): Promise<ApiOrder> {
    return this.requester.call(
      'getOrder',
      { params: { order_id: orderId }, query: { user_id: userId }, schema: apiOrderSchema },
      options,
    );
  }

  updateOrder(orderId: string, changes: UpdateOrderRequest, options?: CallOptions): Promise<ApiOrder> {
    return this.requester.call(
      'updateOrder',
      { params: { order_id: orderId }, body: changes, schema: apiOrderSchema },
      options,
    );
  }

  listServiceOptions(
    userId: string,
    request: { location_code: string; address: { address_line_1: string; postal_code: string } },
    options?: CallOptions,
  ): Promise<ServiceOption[]> {
    return this.requester.call(
      'listServiceOptions',
      { params: { user_id: userId }, body: request, schema: serviceOptionsSchema },
      options,
    );
  }

  holdServiceOption(
    userId: string,
    serviceOptionId: number,
    request: { location_code: string },
    options?: CallOptions,
  ): Promise<ServiceOptionHold> {
    return this.requester.call(
      'holdServiceOption',
      { params: { user_id: userId, service_option_id: serviceOptionId }, body: request, schema: holdSchema },
      options,
    );
  }

  /**
   * Creates an order, always with an order id, so that a lost answer can be settled: after a timeout or
   * dropped connection, or a 1003 "already in use" following such an attempt, a get of that id decides.
   */
  async createOrder(userId: string, request: CreateOrderRequest, options: CreateOptions = {}): Promise<CreateOutcome> {
    const orderId = request.order_id?.trim() || newOrderId();
    const body = { ...request, order_id: orderId };
    const tracker = new AmbiguityTracker(options);
    try {
      const order = await this.requester.call(
        options.async ? 'createOrderAsync' : 'createOrder',
        { params: { user_id: userId, order_id: orderId }, body, schema: apiOrderSchema },
        tracker.options,
      );
      return { order, orderId, reconciled: false };
    } catch (error) {
      // After a lost answer, a retry meets the order the first attempt made: 1003, or 423 while an
      // asynchronous create is still processing it.
      if (!isConnectError(error) || !tracker.needsLookup(error, ['order_id_in_use', 'locked'])) throw error;
      const found = await this.lookUp(orderId, userId, error, options, 'created');
      return { order: found, orderId, reconciled: true };
    }
  }

  /** Stages a dispatch order; a lost answer is settled by a get (a staged order needs no second stage). */
  async stageOrder(orderId: string, values: StageOrderRequest, options: StageOptions = {}): Promise<StageOutcome> {
    const { settle, ...callOptions } = options;
    const tracker = new AmbiguityTracker(callOptions);
    try {
      const order = await this.requester.call(
        'stageOrder',
        { params: { order_id: orderId }, body: values, schema: apiOrderSchema },
        tracker.options,
      );
      return { order, reconciled: false };
    } catch (error) {
      if (settle === false || !isConnectError(error) || !tracker.needsLookup(error, ['not_found'])) throw error;
      const found = await this.lookUp(orderId, undefined, error, callOptions, 'staged');
      if (!inStatusGroup(STAGED_OR_LATER, found.status)) throw error;
      return { order: found, reconciled: true };
    }
  }

  private async lookUp(
    orderId: string,
    userId: string | undefined,
    original: ConnectError,
    options: CallOptions,
    outcome: 'created' | 'staged',
  ): Promise<ApiOrder> {
    try {
      return await this.getOrder(orderId, userId, { ...options, onRetry: undefined });
    } catch (error) {
      if (isConnectError(error) && error.kind === 'not_found') {
        if (outcome === 'created' && original.ambiguous) {
          original.withHint(
            `Order ${orderId} was not found, so it was most likely not created: try again with the same order id (Instacart refuses a second order with it). ${original.appError.hint ?? ''}`.trim(),
          );
        }
        throw original;
      }
      throw original.withHint(
        `Whether order ${orderId} was ${outcome} is not known: look it up by its id before trying again. ${original.appError.hint ?? ''}`.trim(),
      );
    }
  }
}

/**
 * Watches a call's attempts for one that may have been carried out without us hearing back; only then
 * does a final error need a get to find out what really happened.
 */
class AmbiguityTracker {
  private uncertain = false;
  readonly options: CallOptions;

  constructor(options: CallOptions) {
    this.options = {
      ...options,
      onRetry: (error, attempt, delay) => {
        if (error.ambiguous) this.uncertain = true;
        options.onRetry?.(error, attempt, delay);
      },
    };
  }

  /** A final error needs a lookup when it is itself ambiguous, or is one of `afterRetry` following an ambiguous attempt. */
  needsLookup(error: ConnectError, afterRetry: ConnectError['kind'][]): boolean {
    if (error.kind === 'canceled') return false;
    return error.ambiguous || (this.uncertain && afterRetry.includes(error.kind));
  }
}
