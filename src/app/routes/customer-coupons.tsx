import { CustomerCoupons } from '../../features/coupons/customer-coupons'
import { useCurrentCustomer } from './customer'

/** `/customers/:customerId/coupons`: the Coupons tab (the coupons feature's list). */
export function CustomerCouponsRoute() {
  const customer = useCurrentCustomer()
  return <CustomerCoupons customerId={customer.id} />
}
