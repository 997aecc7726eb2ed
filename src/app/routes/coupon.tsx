import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { PageTitle } from '../../components/ui/page-title'
import { CouponVerdict } from '../../features/coupons/coupon-verdict'

/** `/coupons/:code`: one coupon's verdict (deep-linkable; links from lists and redeem land here). */
export function CouponRoute() {
  const { t } = useTranslation()
  const { code = '' } = useParams()
  return (
    <div className="mx-auto w-full max-w-2xl">
      <PageTitle title={t('coupons.pageTitle')} appName={t('app.name')} />
      <CouponVerdict key={code} code={code} />
    </div>
  )
}
