import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Reward } from '../../../contract/rewards'
import { ApiErrorMessage } from '../../components/ui/api-error-message'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { Spinner } from '../../components/ui/spinner'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { assertNever } from '../../lib/assert-never'
import { useOnline } from '../../lib/online'
import { rewardCatalogQueryOptions } from './api'
import { RedeemDialog, type RedeemCustomer } from './redeem-dialog'
import { rewardState, type RewardState } from './reward-state'

/**
 * The Rewards tab: the catalog as this customer sees it, each reward with its state, and Redeem
 * only where Zupy would accept it.
 */
export function CustomerRewards({ customer }: { customer: RedeemCustomer }) {
  const { t } = useTranslation()
  const headingId = useId()
  const switchId = useId()
  const [affordableOnly, setAffordableOnly] = useState(false)
  const [redeeming, setRedeeming] = useState<Reward | null>(null)
  const catalog = useQuery({
    ...rewardCatalogQueryOptions(customer.id, { redeemable: affordableOnly }),
    // Flipping the filter keeps the old list on screen until the new one arrives.
    placeholderData: (previous) => previous,
  })

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-xl font-bold">
          {t('rewards.title')}
        </h2>
        <label
          htmlFor={switchId}
          className="flex min-h-touch cursor-pointer items-center gap-3 text-base font-semibold"
        >
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={affordableOnly}
            onChange={(event) => {
              setAffordableOnly(event.target.checked)
            }}
            className="size-6 accent-brand"
          />
          {t('rewards.affordableOnly')}
        </label>
      </div>
      {catalog.isPending ? (
        <p className="flex items-center gap-2 text-lg text-ink-subtle">
          <Spinner />
          {t('rewards.loading')}
        </p>
      ) : catalog.isError ? (
        <ApiErrorMessage
          error={catalog.error}
          onRetry={() => {
            void catalog.refetch()
          }}
        />
      ) : catalog.data.length === 0 ? (
        <p className="text-lg">
          {affordableOnly ? t('rewards.emptyAffordable') : t('rewards.empty')}
        </p>
      ) : (
        <ul className={cn('grid gap-3 sm:grid-cols-2', catalog.isPlaceholderData && 'opacity-60')}>
          {catalog.data.map((reward) => (
            <li key={reward.id}>
              <RewardCard
                reward={reward}
                state={rewardState(reward, customer.balance)}
                onRedeem={() => {
                  setRedeeming(reward)
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {redeeming && (
        <RedeemDialog
          customer={customer}
          reward={redeeming}
          onClose={() => {
            setRedeeming(null)
          }}
        />
      )}
    </section>
  )
}

function RewardCard({
  reward,
  state,
  onRedeem,
}: {
  reward: Reward
  state: RewardState
  onRedeem: () => void
}) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const online = useOnline()
  const nameId = useId()
  return (
    <article
      aria-labelledby={nameId}
      className="flex h-full flex-col gap-2 rounded-xl border border-line bg-white p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 id={nameId} className="text-lg font-bold">
          {reward.name}
        </h3>
        <span className="shrink-0 text-lg font-bold tabular-nums text-brand">
          {state.cost === 0
            ? t('rewards.free')
            : t('rewards.cost', { count: state.cost, points: formatNumber(state.cost, language) })}
        </span>
      </div>
      {reward.description && <p className="text-base text-ink-subtle">{reward.description}</p>}
      <p className="text-base">{t('rewards.validity', { count: reward.validity_days })}</p>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-3 pt-2">
        <StateLine state={state} />
        {state.kind === 'affordable' && (
          <Button className="w-full sm:w-auto" disabled={!online} onClick={onRedeem}>
            {t('rewards.redeem')}
          </Button>
        )}
      </div>
    </article>
  )
}

function StateLine({ state }: { state: RewardState }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  let icon: string
  let text: string
  let tone: string
  switch (state.kind) {
    case 'affordable':
      icon = '✓'
      text = t('rewards.state.affordable')
      tone = 'text-ok'
      break
    case 'needs-points':
      icon = '●'
      text = t('rewards.state.needsMore', {
        count: state.missing,
        points: formatNumber(state.missing, language),
      })
      tone = 'text-warn'
      break
    case 'already-redeemed':
      icon = '↺'
      text = t('rewards.state.alreadyRedeemed')
      tone = 'text-muted'
      break
    case 'unavailable':
      icon = '⊘'
      text = t('rewards.state.unavailable')
      tone = 'text-muted'
      break
    default:
      return assertNever(state)
  }
  return (
    <p className={cn('flex items-center gap-2 text-base font-semibold', tone)}>
      <span aria-hidden="true">{icon}</span>
      {text}
    </p>
  )
}
