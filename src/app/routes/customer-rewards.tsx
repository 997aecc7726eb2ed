import { CustomerRewards } from '../../features/rewards/customer-rewards'
import { useCurrentCustomer } from './customer'

/** `/customers/:customerId` and `/customers/:customerId/rewards`: the Rewards tab. */
export function CustomerRewardsRoute() {
  const customer = useCurrentCustomer()
  return (
    <CustomerRewards
      customer={{
        id: customer.id,
        name: customer.full_name,
        phone: customer.phone,
        email: customer.email,
        balance: customer.points_balance,
      }}
    />
  )
}
