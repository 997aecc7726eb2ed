import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { JournalSummary } from '../../../contract/journal'
import { Card } from '../../components/ui/card'
import { cn } from '../../components/ui/cn'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { stacked } from './stacked-table'
import { countRows, REWARD_FIGURES } from './summary-rows'

/** The day at a glance: counts per outcome, and per reward what was redeemed and used. */
export function SummaryCard({ summary }: { summary: JournalSummary }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const headingId = useId()
  const byOutcomeId = useId()
  const byRewardId = useId()
  const counts = countRows(summary)
  const number = (value: number) => formatNumber(value, language)

  return (
    <Card aria-labelledby={headingId} className="flex flex-col gap-5">
      <h2 id={headingId} className="text-xl font-bold">
        {t('journal.summary.title')}
      </h2>
      {counts.length === 0 ? (
        <p className="text-lg text-ink-subtle">{t('journal.summary.none')}</p>
      ) : (
        <>
          <section aria-labelledby={byOutcomeId} className="flex flex-col gap-2">
            <h3 id={byOutcomeId} className="text-lg font-semibold">
              {t('journal.summary.byOutcome')}
            </h3>
            <div className="grid gap-4 sm:grid-cols-2">
              {counts.map(({ kind, outcomes }) => (
                <div key={kind} className="flex flex-col">
                  <h4 className="text-base font-semibold text-ink-subtle">
                    {t(`journal.kinds.${kind}`)}
                  </h4>
                  <dl aria-label={t(`journal.kinds.${kind}`)}>
                    {outcomes.map(({ outcome, count }) => (
                      <div
                        key={outcome}
                        className="flex justify-between gap-4 border-b border-line py-2 text-lg"
                      >
                        <dt>{t(`journal.outcomes.${outcome}`)}</dt>
                        <dd className="font-semibold tabular-nums">{number(count)}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              ))}
            </div>
          </section>
          {summary.rewards.length > 0 && (
            <section aria-labelledby={byRewardId} className="flex flex-col gap-2">
              <h3 id={byRewardId} className="text-lg font-semibold">
                {t('journal.summary.byReward')}
              </h3>
              <table
                role="table"
                aria-labelledby={byRewardId}
                className={`${stacked.table} text-lg`}
              >
                <thead role="rowgroup" className={stacked.head}>
                  <tr role="row" className={`${stacked.headRow} text-base`}>
                    <th role="columnheader" scope="col" className={stacked.headCell}>
                      {t('journal.summary.reward')}
                    </th>
                    {REWARD_FIGURES.map(({ label }) => (
                      <th
                        key={label}
                        role="columnheader"
                        scope="col"
                        className={`${stacked.headCell} sm:text-right`}
                      >
                        {t(`journal.summary.${label}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody role="rowgroup" className={stacked.body}>
                  {summary.rewards.map((reward) => (
                    <tr
                      role="row"
                      key={reward.reward_id ?? reward.reward_name ?? ''}
                      className={cn(stacked.row, 'grid-cols-3')}
                    >
                      <th
                        role="rowheader"
                        scope="row"
                        className="col-span-3 text-left font-semibold sm:table-cell sm:py-3 sm:pr-3 sm:font-normal"
                      >
                        {reward.reward_name ??
                          reward.reward_id ??
                          t('journal.summary.unnamedReward')}
                      </th>
                      {REWARD_FIGURES.map(({ label, field }) => (
                        <td
                          key={field}
                          role="cell"
                          data-label={t(`journal.summary.${label}`)}
                          className={`${stacked.cell} tabular-nums sm:text-right`}
                        >
                          {number(reward[field])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <p className="flex justify-between gap-4 text-xl font-bold">
            <span>{t('journal.summary.pointsSpent')}</span>
            <span className="tabular-nums">{number(summary.points_spent)}</span>
          </p>
        </>
      )}
    </Card>
  )
}
