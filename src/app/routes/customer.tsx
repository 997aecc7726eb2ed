import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useOutletContext, useParams } from 'react-router'
import type { Customer } from '../../../contract/customers'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Spinner } from '../../components/ui/spinner'
import { customerQueryOptions } from '../../features/customers/api'
import {
  CustomerHeader,
  CustomerNotFound,
  CustomerTabs,
} from '../../features/customers/customer-header'
import { OtpSessionBadge } from '../../features/otp/otp-session-badge'
import { forgetOtherOtpSessions } from '../../features/otp/otp-sessions'

/** The customer the tabs below `/customers/:customerId` render for. */
export function useCurrentCustomer(): Customer {
  return useOutletContext<Customer>()
}

/**
 * `/customers/:customerId`: the header (balance and OTP timer) over the Rewards and Coupons tabs.
 * Opening another customer forgets the previous customer's OTP session.
 */
export function CustomerRoute() {
  const { t } = useTranslation()
  const { customerId = '' } = useParams()
  useEffect(() => {
    forgetOtherOtpSessions(customerId)
  }, [customerId])
  const customer = useQuery(customerQueryOptions(customerId))

  if (customer.isPending) {
    return (
      <p className="flex items-center gap-2 text-lg text-ink-subtle">
        <Spinner />
        {t('customers.header.loading')}
      </p>
    )
  }
  if (customer.isError) {
    if (customer.error.status === 404) return <CustomerNotFound />
    return (
      <ApiErrorMessage
        error={customer.error}
        onRetry={() => {
          void customer.refetch()
        }}
      />
    )
  }
  return (
    <>
      <CustomerHeader
        customer={customer.data}
        aside={<OtpSessionBadge customerId={customer.data.id} />}
      />
      <CustomerTabs customerId={customer.data.id} />
      <Outlet context={customer.data} />
    </>
  )
}
