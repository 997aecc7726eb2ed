import type { Config } from 'tailwindcss'

/**
 * Theme tokens from docs/visual-direction.md. Components use these names, never hex codes.
 * Contrast ratios (WCAG) are noted where a token is meant for text; AA needs 4.5:1 for body text.
 */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        // Zupy's logo colours, so the till feels like part of Zupy.
        brand: {
          DEFAULT: '#7E5094', // 6.1:1 on white, and white text on it
          strong: '#6A4380', // hover / pressed, 7.7:1
          soft: '#F3EDF6',
        },
        coral: {
          DEFAULT: '#CC6967', // accents only: 3.6:1 is too low for body text
          text: '#A8474A', // 5.7:1
        },
        'brand-green': {
          DEFAULT: '#A9C24C', // 2.0:1 on white: decoration only
          text: '#5B6E1C', // darkened for text, 5.7:1
          soft: '#F3F7E6',
        },
        // Verdicts: always with an icon and a word, never colour alone.
        ok: { DEFAULT: '#1B6B3A', soft: '#E8F5EC' }, // 6.5:1 (5.8:1 on soft)
        bad: { DEFAULT: '#B42318', soft: '#FDECEA' }, // 6.6:1 (5.8:1 on soft)
        warn: { DEFAULT: '#8A4B00', soft: '#FEF3E2' }, // 6.8:1 (6.2:1 on soft)
        muted: { DEFAULT: '#475569', soft: '#F1F5F9' }, // 7.6:1 (6.9:1 on soft)
        ink: {
          DEFAULT: '#1F1A24', // 17:1
          subtle: '#5B5563', // 7.2:1 on white, 6.5:1 on canvas
        },
        canvas: '#F6F3F8',
        line: '#DDD5E3',
      },
      fontFamily: {
        sans: [
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
      minHeight: { touch: '3rem' },
      minWidth: { touch: '3rem' },
    },
  },
} satisfies Config
