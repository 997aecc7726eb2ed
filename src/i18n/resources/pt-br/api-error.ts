/** Messages for failed calls (components/ui/api-error-message.tsx) and the offline banner. */
export const apiError = {
  offline: 'Você está sem conexão. Verifique a internet e tente de novo.',
  network: 'Não foi possível falar com o servidor do caixa. Verifique a conexão e tente de novo.',
  unavailable: 'A Zupy não está respondendo agora. Tente de novo em instantes.',
  rateLimited: 'Muitas solicitações. Aguarde {{seconds}} s e tente de novo.',
  rateLimitedNoWait: 'Muitas solicitações. Aguarde um pouco e tente de novo.',
  rateLimitedOver: 'Muitas solicitações. Já pode tentar de novo.',
  notFound: 'Não encontrado.',
  generic: 'Algo deu errado com esta solicitação. Se continuar acontecendo, avise o gerente.',
  requestId: 'Código da solicitação: {{id}}',
  retry: 'Tentar de novo',
  offlineBanner: {
    label: 'Sem conexão',
    message:
      'Você está sem conexão. Busca, resgate e uso de cupons ficam pausados até a internet voltar.',
  },
}
