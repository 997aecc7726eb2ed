import { useTranslation } from 'react-i18next'
import type { JournalSummary } from '../../../contract/journal'
import { formatNumber } from '../../i18n/format'
import { currentLanguage } from '../../i18n/i18n'
import { formatDay } from './day'
import { countRows, REWARD_FIGURES } from './summary-rows'

/**
 * The day's summary on paper (usePrint): a single 72 mm column, so no wide tables: each figure is
 * a label and a number on one line, the label wrapping when a reward's name is long.
 */
export function SummaryPrint({ summary, till }: { summary: JournalSummary; till?: string }) {
  const { t, i18n } = useTranslation()
  const language = currentLanguage(i18n)
  const number = (value: number) => formatNumber(value, language)
  const line = 'flex justify-between gap-3'
  const rule = 'mt-3 border-t border-dashed border-black pt-2'

  return (
    <div>
      <h1 className="text-[14pt] font-bold">{t('journal.summary.title')}</h1>
      <p>{formatDay(summary.date, language)}</p>
      {till !== undefined && (
        <p>
          {t('journal.print.till')}: {till}
        </p>
      )}
      {countRows(summary).map(({ kind, outcomes }) => (
        <section key={kind} className={rule}>
          <h2 className="font-bold">
            {kind === 'redeem' ? t('journal.print.redeems') : t('journal.print.validates')}
          </h2>
          {outcomes.map(({ outcome, count }) => (
            <p key={outcome} className={line}>
              <span>{t(`journal.outcomes.${outcome}`)}</span>
              <span>{number(count)}</span>
            </p>
          ))}
        </section>
      ))}
      {summary.rewards.length > 0 && (
        <section className={rule}>
          <h2 className="font-bold">{t('journal.summary.byReward')}</h2>
          {summary.rewards.map((reward) => (
            <div key={reward.reward_id ?? reward.reward_name ?? ''} className="mb-1">
              <p className="font-semibold">
                {reward.reward_name ?? reward.reward_id ?? t('journal.summary.unnamedReward')}
              </p>
              {REWARD_FIGURES.map(({ label, field }) => (
                <p key={field} className={line}>
                  <span>{t(`journal.summary.${label}`)}</span>
                  <span>{number(reward[field])}</span>
                </p>
              ))}
            </div>
          ))}
        </section>
      )}
      <p className={`${rule} ${line} font-bold`}>
        <span>{t('journal.summary.pointsSpent')}</span>
        <span>{number(summary.points_spent)}</span>
      </p>
    </div>
  )
}
