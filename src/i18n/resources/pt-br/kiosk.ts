/** Kiosk mode: its Settings card, the header control, the idle countdown, the scan auto-resume. */
export const kiosk = {
  settings: {
    title: 'Quiosque',
    mode: 'Modo quiosque',
    modeHint:
      'Para um tablet no balcão: tela cheia, tela sempre acesa, botões maiores, e o app recomeça sozinho depois de um tempo sem uso. Para sair, é preciso o PIN do caixa.',
    idleTimeout: 'Recomeçar depois de',
    idleTimeoutHint:
      'Sem toque nem tecla por esse tempo, aparece uma contagem de {{countdown}} segundos; depois o app esquece o cliente e volta para a busca.',
    seconds: '{{count}} segundos',
    minutes_one: '{{count}} minuto',
    minutes_other: '{{count}} minutos',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
  },
  header: {
    badge: 'Quiosque',
    exit: 'Sair do modo quiosque',
  },
  exit: {
    title: 'Sair do modo quiosque',
    body: 'Digite o PIN do caixa para sair do modo quiosque.',
    submit: 'Sair do modo quiosque',
    cancel: 'Cancelar',
  },
  idle: {
    title: 'Ainda está aí?',
    body: 'Para proteger os dados do cliente, o app vai recomeçar. Toque na tela para continuar.',
    seconds: '{{count}} s',
    keepWorking: 'Continuar',
  },
  nextScan: 'Próxima leitura em {{count}} s',
}
