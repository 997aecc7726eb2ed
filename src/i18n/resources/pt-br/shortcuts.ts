/** The keyboard shortcuts' help dialog (`?`); one action per ShortcutAction. */
export const shortcuts = {
  title: 'Atalhos de teclado',
  or: 'ou',
  actions: {
    search: 'Buscar cliente (de qualquer tela)',
    scan: 'Ler cupom',
    today: 'Hoje: o que este caixa fez no dia',
    back: 'Fechar o diálogo aberto ou voltar',
    help: 'Mostrar estes atalhos',
  },
  fieldNote: 'Com o cursor num campo, / e ? são digitados no campo; as teclas F funcionam sempre.',
  close: 'Fechar',
}
