import {
  JOURNAL_KINDS,
  JOURNAL_OUTCOMES,
  type JournalKind,
  type JournalOutcome,
  type JournalSummary,
} from '../../../contract/journal'

/** The summary's counts as rows, per kind, in the contract's outcome order; zeros left out. */
export function countRows(
  summary: JournalSummary,
): { kind: JournalKind; outcomes: { outcome: JournalOutcome; count: number }[] }[] {
  return JOURNAL_KINDS.map((kind) => ({
    kind,
    outcomes: JOURNAL_OUTCOMES.flatMap((outcome) => {
      const count = summary.counts[kind][outcome] ?? 0
      return count > 0 ? [{ outcome, count }] : []
    }),
  })).filter((row) => row.outcomes.length > 0)
}

/**
 * A reward's figures in the order the card's columns and the printout's lines show them: the
 * label's key under `journal.summary`, and the summary field it reads.
 */
export const REWARD_FIGURES = [
  { label: 'redeemed', field: 'redeemed' },
  { label: 'validated', field: 'validated' },
  { label: 'pointsSpent', field: 'points_spent' },
] as const satisfies readonly { label: string; field: keyof JournalSummary['rewards'][number] }[]
