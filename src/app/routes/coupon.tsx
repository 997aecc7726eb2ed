import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { canonicalCouponCode } from '../../../contract/codes'
import { PageTitle } from '../../components/ui/page-title'
import { CouponVerdict } from '../../features/coupons/coupon-verdict'
import { verdictAnnouncement } from '../../features/coupons/verdict-announcement'

/** `/coupons/:code`: one coupon's verdict (deep-linkable; links from lists and redeem land here). */
export function CouponRoute() {
  const { t } = useTranslation()
  const { code = '' } = useParams()
  const [announcement, setAnnouncement] = useState('')
  return (
    <div className="mx-auto w-full max-w-2xl">
      <PageTitle title={t('coupons.pageTitle')} appName={t('app.name')} />
      <CouponVerdict
        key={code}
        code={code}
        onVerdict={(kind) => {
          setAnnouncement(verdictAnnouncement(t, canonicalCouponCode(code) ?? code, kind))
        }}
      />
      {/* The card changes in place after Use coupon; a screen reader hears the verdict here. */}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  )
}
