import { apiError } from './pt-br/api-error'
import { coupons } from './pt-br/coupons'
import { customers } from './pt-br/customers'
import { journal } from './pt-br/journal'
import { kiosk } from './pt-br/kiosk'
import { diagnostics } from './pt-br/diagnostics'
import { otp } from './pt-br/otp'
import { rewards } from './pt-br/rewards'
import { scan } from './pt-br/scan'
import { session } from './pt-br/session'
import { settings } from './pt-br/settings'
import { shortcuts } from './pt-br/shortcuts'

/**
 * Brazilian Portuguese, the fallback language (Zupy's stores are in Brazil). Its shape is the key
 * set: `en` must satisfy `Translation`, and i18n-keys.test.ts checks both at runtime too.
 */
export const ptBR = {
  app: {
    name: 'Zupy POS',
    skipToContent: 'Pular para o conteúdo',
    loading: 'Carregando…',
  },
  nav: {
    label: 'Principal',
    lookup: 'Buscar',
    scan: 'Ler cupom',
    settings: 'Ajustes',
  },
  language: {
    label: 'Idioma',
    hint: 'Fica salvo neste aparelho.',
  },
  sandbox: {
    label: 'Modo sandbox',
    message: 'Sandbox: dados de demonstração, nenhum ponto real é gasto',
  },
  lookup: {
    title: 'Encontrar cliente',
    description: 'Busque pelo telefone, e-mail, nome ou número do cartão Zupy.',
  },
  scan,
  settings,
  diagnostics,
  appUpdate: {
    offer: 'Nova versão — Recarregar',
  },
  notFound: {
    title: 'Página não encontrada',
    description: 'Este endereço não existe no app.',
    home: 'Ir para a busca de clientes',
  },
  error: {
    title: 'Algo deu errado',
    description:
      'O app encontrou um problema inesperado. Recarregue a página para continuar. Se acontecer de novo, avise o gerente.',
    reload: 'Recarregar a página',
  },
  apiError,
  coupons,
  customers,
  rewards,
  otp,
  session,
  kiosk,
  journal,
  shortcuts,
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }

/** The key set every language provides in full. */
export type Translation = DeepStrings<typeof ptBR>
