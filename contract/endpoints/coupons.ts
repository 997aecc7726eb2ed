import {
  COUPON_STATUSES,
  CouponSchema,
  ValidateRequestSchema,
  ValidateResponseSchema,
} from '../coupons'
import { endpoint, problem } from '../endpoint'
import { listOf, singleOf } from '../envelope'
import {
  couponCodeValidator,
  couponRefValidator,
  idValidator,
  oneOf,
  pageQuery,
  slugValidator,
} from '../validators'

export const couponEndpoints = {
  /**
   * `GET /coupons/issued/?customer_id=&status=&reward_id=&code=` (api-notes §7.1). An unknown
   * `code` is an empty list, not a 404.
   */
  issued: endpoint({
    name: 'coupons.issued',
    method: 'GET',
    path: '/api/v2/coupons/issued/',
    params: {},
    query: {
      customer_id: idValidator,
      status: oneOf(COUPON_STATUSES),
      reward_id: idValidator,
      origin_type: slugValidator,
      code: couponCodeValidator,
      ...pageQuery,
    },
    body: null,
    values: { 200: listOf(CouponSchema) },
    problems: {},
  }),
  /**
   * `POST /customers/{id}/coupons/{coupon_id}/validate/` (api-notes §8): uses the coupon once.
   * `couponRef` is the coupon's id or its code. 403 `otp-required` asks for the customer's OTP
   * session; 404 is an unknown coupon; 409 a coupon that is used, expired or cancelled.
   */
  validate: endpoint({
    name: 'coupons.validate',
    method: 'POST',
    path: '/api/v2/customers/:id/coupons/:couponRef/validate/',
    params: { id: idValidator, couponRef: couponRefValidator },
    query: {},
    body: { schema: ValidateRequestSchema, optional: true, forward: false },
    values: { 200: singleOf(ValidateResponseSchema) },
    problems: { 403: problem('otp-required'), 404: problem(), 409: problem() },
  }),
}
