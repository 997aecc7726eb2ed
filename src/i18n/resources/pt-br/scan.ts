import type { ScanOutcome } from '../../../lib/verdicts'

/** The scan feature: camera, barcode scanner and typed code on /scan. */
export const scan = {
  title: 'Ler cupom',
  description:
    'Aponte a câmera para o QR code do cupom, use o leitor de código de barras ou digite o código.',
  camera: {
    starting: 'Abrindo a câmera…',
    scanning: 'Aponte para o QR code',
    paused: 'Leitura pausada',
    choose: 'Câmera',
    unnamed: 'Câmera {{n}}',
    torch: 'Lanterna',
    retry: 'Tentar de novo',
    typeInstead: 'Enquanto isso, digite o código do cupom abaixo.',
    problem: {
      insecure: {
        title: 'A câmera só funciona em endereço seguro',
        body: 'Este caixa foi aberto em {{origin}}, e o navegador só libera a câmera em endereços https:// ou em http://localhost. Para resolver, sirva o caixa por HTTPS: dê um certificado ao servidor (TLS_CERT_FILE e TLS_KEY_FILE) ou coloque-o atrás de um proxy reverso com TLS, e abra o endereço https://. O leitor de código de barras funciona aqui normalmente.',
      },
      unsupported: {
        title: 'Este navegador não usa a câmera',
        body: 'Abra o caixa no Chrome, Edge ou Safari atualizado para ler pela câmera. O leitor de código de barras funciona em qualquer navegador.',
      },
      denied: {
        title: 'A câmera está bloqueada',
        body: 'Toque no ícone de cadeado ou de câmera na barra de endereço, escolha Permitir para Câmera e toque em Tentar de novo. No tablet: Configurações › Apps › navegador › Permissões › Câmera.',
      },
      'not-found': {
        title: 'Nenhuma câmera encontrada',
        body: 'Conecte uma câmera e toque em Tentar de novo, ou use um leitor de código de barras.',
      },
      'in-use': {
        title: 'A câmera está em uso',
        body: 'Outro app ou aba está usando a câmera. Feche-o e toque em Tentar de novo.',
      },
      other: {
        title: 'A câmera não abriu',
        body: 'Toque em Tentar de novo. Se continuar, recarregue a página.',
      },
    },
  },
  entry: {
    label: 'Código do cupom',
    hint: 'Maiúsculas ou minúsculas, com ou sem hífen.',
    submit: 'Consultar',
  },
  result: {
    label: 'Resultado da leitura',
    waiting: 'Nenhum cupom lido ainda. Leia um QR code ou digite o código.',
    scanNext: 'Ler próximo',
    unrecognised: {
      heading: 'Código não reconhecido',
      body: 'Isto não é um cupom, cartão Zupy nem telefone: “{{text}}”.',
    },
    announce: '{{code}}: {{verdict}}',
  },
  options: {
    useOnScan: 'Usar ao ler',
    useOnScanHint:
      'Um cupom ativo lido pela câmera ou pelo leitor de código de barras é usado na hora, sem tocar em “Usar cupom”. Um código digitado ainda pede o toque.',
    sounds: 'Sons',
    soundsHint: 'Um som para cupom válido e outro para recusado.',
    useOnScanOn: 'Usar ao ler: ligado',
    useOnScanOff: 'Usar ao ler: desligado',
    soundsOn: 'Sons: ligados',
    soundsOff: 'Sons: desligados',
    change: 'Alterar em Ajustes',
  },
  history: {
    title: 'Leituras desta sessão',
    empty: 'Nada lido ainda.',
    clear: 'Limpar',
  },
  source: {
    camera: 'Câmera',
    scanner: 'Leitor',
    typed: 'Digitado',
  },
  outcome: {
    looking: 'Consultando…',
    active: 'Ativo',
    validated: 'Validado',
    confirmed: 'Validado (confirmado)',
    'already-used': 'Já utilizado',
    expired: 'Expirado',
    cancelled: 'Cancelado',
    unavailable: 'Indisponível',
    'not-found': 'Não encontrado',
    'not-spent': 'Não utilizado',
    unknown: 'Resultado desconhecido',
    invalid: 'Código inválido',
    error: 'Erro na consulta',
    customer: 'Busca de cliente',
    unrecognised: 'Não reconhecido',
  } satisfies Record<ScanOutcome, string>,
  decoder: {
    label: 'Leitor de QR',
    idle: 'ainda não carregado',
    loading: 'carregando…',
    zxingWasm: 'ZXing-C++ {{version}} (WebAssembly)',
    native: 'o do próprio navegador',
    fallback:
      'o interno do html5-qrcode, porque o WebAssembly não carregou ({{reason}}); QR invertido ou de baixo contraste pode não ser lido',
  },
}
