export const session = {
  lock: 'Bloquear',
  locked: {
    title: 'Bloqueado',
    start: 'Digite o PIN do caixa para usar o app.',
    manual: 'Digite o PIN do caixa para desbloquear.',
    idle: 'Bloqueado por inatividade. Digite o PIN do caixa para continuar.',
    sessionEnded: 'A sessão do caixa terminou. Digite o PIN para continuar.',
  },
  pin: {
    label: 'PIN',
    keypad: 'Teclado do PIN',
    delete: 'Apagar último dígito',
    clear: 'Limpar',
    unlock: 'Desbloquear',
    checking: 'Verificando…',
    wrong_one: 'PIN incorreto. Resta {{count}} tentativa.',
    wrong_other: 'PIN incorreto. Restam {{count}} tentativas.',
    wrongNoCount: 'PIN incorreto.',
    lockedOut: 'Muitos PINs errados. O desbloqueio está suspenso.',
    retryIn: 'Tente de novo em {{time}}',
    unreachable:
      'Não foi possível falar com o servidor do caixa. Confira a conexão e tente de novo.',
    failed: 'Não foi possível verificar o PIN. Tente de novo.',
    sandboxHint: 'PIN do sandbox: {{pin}}',
  },
}
