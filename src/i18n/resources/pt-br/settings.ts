export const settings = {
  title: 'Ajustes',
  description: 'Ficam salvos neste aparelho: cada caixa tem os seus.',
  scanning: {
    title: 'Leitura de cupons',
  },
  camera: {
    label: 'Câmera preferida',
    hint: 'A tela de leitura abre com ela. Escolher uma câmera na tela de leitura também muda este ajuste.',
    rear: 'Câmera traseira (padrão)',
    saved: 'Câmera salva',
    savedMissing: 'Câmera salva (não conectada: a traseira é usada)',
    allow: 'Permitir a câmera',
    allowHint:
      'O navegador mostra o nome das câmeras deste aparelho depois que a câmera é permitida.',
    insecure:
      'A câmera só funciona em um endereço seguro (https:// ou http://localhost). Peça ao gerente o endereço https do caixa.',
    unsupported: 'Este navegador não consegue usar a câmera.',
    none: 'Nenhuma câmera encontrada neste aparelho.',
  },
  permission: {
    label: 'Permissão da câmera',
    checking: 'Verificando…',
    granted: 'Permitida',
    prompt: 'Ainda não pedida (o navegador pergunta quando a câmera abre pela primeira vez)',
    denied: 'Bloqueada: permita a câmera nas configurações do site no navegador',
    unsupported: 'Este navegador não informa',
    insecure: 'Indisponível: o endereço não é seguro (use https:// ou http://localhost)',
  },
}
