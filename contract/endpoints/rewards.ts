import { endpoint, problem } from '../endpoint'
import { listOf, singleOf } from '../envelope'
import { RedeemRequestSchema, RedeemResponseSchema, RewardSchema } from '../rewards'
import { booleanValidator, idValidator, pageQuery } from '../validators'

export const rewardEndpoints = {
  /** `GET /rewards/?customer_id=&redeemable=` (api-notes §5). */
  list: endpoint({
    name: 'rewards.list',
    method: 'GET',
    path: '/api/v2/rewards/',
    params: {},
    query: { customer_id: idValidator, redeemable: booleanValidator, ...pageQuery },
    body: null,
    values: { 200: listOf(RewardSchema) },
    problems: {},
  }),
  /** `GET /rewards/{id}/`. */
  get: endpoint({
    name: 'rewards.get',
    method: 'GET',
    path: '/api/v2/rewards/:id/',
    params: { id: idValidator },
    query: {},
    body: null,
    values: { 200: singleOf(RewardSchema) },
    problems: {},
  }),
  /**
   * `POST /customers/{id}/rewards/{reward_id}/redeem/`: spends points. 403 `otp-required` asks
   * for the customer's OTP session; 422 refuses the redeem (balance, stock, limit).
   */
  redeem: endpoint({
    name: 'rewards.redeem',
    method: 'POST',
    path: '/api/v2/customers/:id/rewards/:rewardId/redeem/',
    params: { id: idValidator, rewardId: idValidator },
    query: {},
    body: { schema: RedeemRequestSchema, optional: true, forward: true },
    values: { 200: singleOf(RedeemResponseSchema) },
    problems: { 403: problem('otp-required'), 422: problem() },
  }),
}
