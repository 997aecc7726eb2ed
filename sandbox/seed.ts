import type { CouponRow, CustomerRow, RewardRow, SandboxDb } from './db'
import { DAY_MS, HOUR_MS, seedId } from './ids'

/** A valid CPF (check digits computed) from its first nine digits, so CPF checks in apps pass. */
function cpf(base: string): string {
  let digits = base
  for (const length of [9, 10]) {
    let sum = 0
    for (let i = 0; i < length; i++) sum += Number(digits[i]) * (length + 1 - i)
    const rest = (sum * 10) % 11
    digits += String(rest === 10 ? 0 : rest)
  }
  return digits
}

export const SEED_PROGRAM = { id: seedId('program', 'clube-zupy-demo'), name: 'Clube Zupy Demo' }
export const SEED_COMPANY_ID = seedId('company', 'zupy-demo')
export const POINTS_NAME = 'Pontos'

interface SeedCustomer {
  id: string
  fullName: string
  phone: string
  email: string
  cardNumber: string
  cpf: string
  birthDate: string
  tier: string
  pointsBalance: number
  rfmSegment: string
  joinedDaysAgo: number
  /** null = never active (a fresh sign-up). */
  lastActivityDaysAgo: number | null
  emailVerified: boolean
}

function customer(key: string, fields: Omit<SeedCustomer, 'id'>): SeedCustomer {
  return { id: seedId('customer', key), ...fields }
}

const customers = {
  maria: customer('maria', {
    fullName: 'Maria Santos',
    phone: '+5511987654321',
    email: 'maria.santos@example.com',
    cardNumber: 'ZP-MARIA01',
    cpf: cpf('529982247'),
    birthDate: '1988-04-12',
    tier: 'silver',
    pointsBalance: 1250,
    rfmSegment: 'loyal',
    joinedDaysAgo: 420,
    lastActivityDaysAgo: 1,
    emailVerified: true,
  }),
  joao: customer('joao', {
    fullName: 'João Silva',
    phone: '+5521998765432',
    email: 'joao.silva@example.com',
    cardNumber: 'ZP-JOAO02',
    cpf: cpf('111444777'),
    birthDate: '1979-11-03',
    tier: 'gold',
    pointsBalance: 5000,
    rfmSegment: 'champions',
    joinedDaysAgo: 610,
    lastActivityDaysAgo: 3,
    emailVerified: true,
  }),
  ana: customer('ana', {
    fullName: 'Ana Oliveira',
    phone: '+5531987651234',
    email: 'ana.oliveira@example.com',
    cardNumber: 'ZP-ANA03',
    cpf: cpf('390533447'),
    birthDate: '1995-07-21',
    tier: 'bronze',
    pointsBalance: 80,
    rfmSegment: 'promising',
    joinedDaysAgo: 45,
    lastActivityDaysAgo: 1,
    emailVerified: false,
  }),
  pedro: customer('pedro', {
    fullName: 'Pedro Costa',
    phone: '+5541991234567',
    email: 'pedro.costa@example.com',
    cardNumber: 'ZP-PEDRO04',
    cpf: cpf('714602380'),
    birthDate: '2001-01-30',
    tier: 'default',
    pointsBalance: 0,
    rfmSegment: 'new',
    joinedDaysAgo: 2,
    lastActivityDaysAgo: null,
    emailVerified: false,
  }),
  beatriz: customer('beatriz', {
    fullName: 'Beatriz Souza',
    phone: '+5551992345678',
    email: 'beatriz.souza@example.com',
    cardNumber: 'ZP-BIA05',
    cpf: cpf('248438034'),
    birthDate: '1984-09-15',
    tier: 'platinum',
    pointsBalance: 3200,
    rfmSegment: 'champions',
    joinedDaysAgo: 730,
    lastActivityDaysAgo: 6,
    emailVerified: true,
  }),
  lucas: customer('lucas', {
    fullName: 'Lucas Pereira',
    phone: '+5561993456789',
    email: 'lucas.pereira@example.com',
    cardNumber: 'ZP-LUCAS06',
    cpf: cpf('852174963'),
    birthDate: '1991-02-27',
    tier: 'vip',
    pointsBalance: 4100,
    rfmSegment: 'loyal',
    joinedDaysAgo: 900,
    lastActivityDaysAgo: 10,
    emailVerified: true,
  }),
  fernanda: customer('fernanda', {
    fullName: 'Fernanda Lima',
    phone: '+5571994567890',
    email: 'fernanda.lima@example.com',
    cardNumber: 'ZP-FER07',
    cpf: cpf('463017285'),
    birthDate: '1993-12-08',
    tier: 'silver',
    pointsBalance: 640,
    rfmSegment: 'at_risk',
    joinedDaysAgo: 380,
    lastActivityDaysAgo: 95,
    emailVerified: true,
  }),
  rafael: customer('rafael', {
    fullName: 'Rafael Almeida',
    phone: '+5585995678901',
    email: 'rafael.almeida@example.com',
    cardNumber: 'ZP-RAFA08',
    cpf: cpf('307159648'),
    birthDate: '1999-06-19',
    tier: 'default',
    pointsBalance: 150,
    rfmSegment: 'new',
    joinedDaysAgo: 12,
    lastActivityDaysAgo: 4,
    emailVerified: false,
  }),
  carla: customer('carla', {
    fullName: 'Carla Silva',
    phone: '+5511976543210',
    email: 'carla.silva@example.com',
    cardNumber: 'ZP-CARLA09',
    cpf: cpf('186295374'),
    birthDate: '1986-03-05',
    tier: 'gold',
    pointsBalance: 2100,
    rfmSegment: 'loyal',
    joinedDaysAgo: 300,
    lastActivityDaysAgo: 2,
    emailVerified: true,
  }),
}

export type SeedCustomerKey = keyof typeof customers

interface SeedReward {
  id: string
  name: string
  description: string
  pointsRequired: number
  validityDays: number
  rewardType: string
  discountType: string
  monetaryValue: string | null
  discountPercentage: string | null
  maximumDiscountValue: string | null
  usagesPerCoupon: number
  quantityAvailable: number | null
  quantityRedeemed: number
  available: boolean
  originType: 'loyalty_reward' | 'marketing'
}

const rewardDefaults = {
  rewardType: 'generic',
  discountType: 'free_item',
  monetaryValue: null,
  discountPercentage: null,
  maximumDiscountValue: null,
  usagesPerCoupon: 1,
  quantityAvailable: null,
  available: true,
  originType: 'loyalty_reward',
} as const

function reward(
  key: string,
  fields: Pick<
    SeedReward,
    'name' | 'description' | 'pointsRequired' | 'validityDays' | 'quantityRedeemed'
  > &
    Partial<SeedReward>,
): SeedReward {
  return { ...rewardDefaults, id: seedId('reward', key), ...fields }
}

const rewards = {
  cafe: reward('cafe', {
    name: 'Café expresso',
    description: 'Um café expresso da casa, tirado na hora, para acompanhar a sobremesa.',
    pointsRequired: 100,
    validityDays: 7,
    monetaryValue: '7.00',
    quantityRedeemed: 58,
  }),
  sobremesa: reward('sobremesa', {
    name: 'Sobremesa grátis',
    description:
      'Escolha qualquer sobremesa do cardápio: petit gâteau, pudim ou pizza doce brotinho.',
    pointsRequired: 200,
    validityDays: 30,
    monetaryValue: '18.00',
    quantityRedeemed: 34,
  }),
  desconto: reward('desconto', {
    name: 'Desconto de 10%',
    description: '10% de desconto no total da conta, limitado a R$ 50,00. Não vale para delivery.',
    pointsRequired: 800,
    validityDays: 15,
    discountType: 'percentage',
    discountPercentage: '10.00',
    maximumDiscountValue: '50.00',
    quantityRedeemed: 21,
  }),
  pizza: reward('pizza', {
    name: 'Pizza média',
    description: 'Uma pizza média de até dois sabores tradicionais, no salão ou para viagem.',
    pointsRequired: 1500,
    validityDays: 60,
    monetaryValue: '59.90',
    quantityRedeemed: 17,
  }),
  combo: reward('combo', {
    name: 'Combo família',
    description:
      'Pizza grande, porção de batata e refrigerante de 2 litros. Vale para três visitas diferentes.',
    pointsRequired: 2500,
    validityDays: 30,
    monetaryValue: '129.00',
    usagesPerCoupon: 3,
    quantityRedeemed: 6,
  }),
  jantar: reward('jantar', {
    name: 'Jantar com o chef',
    description: 'Jantar harmonizado para duas pessoas, preparado e servido pelo chef. Vaga única.',
    pointsRequired: 3000,
    validityDays: 30,
    monetaryValue: '380.00',
    quantityAvailable: 1,
    quantityRedeemed: 0,
  }),
  rodizio: reward('rodizio', {
    name: 'Rodízio para dois',
    description: 'Rodízio completo de pizzas para duas pessoas. Bebidas e taxa de serviço à parte.',
    pointsRequired: 4500,
    validityDays: 90,
    monetaryValue: '179.80',
    quantityRedeemed: 3,
  }),
  chopp: reward('chopp', {
    name: 'Chopp artesanal',
    description:
      'Um chopp artesanal de 500 ml da casa. Temporariamente indisponível: barril em troca.',
    pointsRequired: 300,
    validityDays: 30,
    monetaryValue: '22.00',
    available: false,
    quantityRedeemed: 40,
  }),
  brinde: reward('brinde', {
    name: 'Brinde de boas-vindas',
    description: 'Um brinde surpresa para quem acabou de entrar no clube. Um por cliente.',
    pointsRequired: 0,
    validityDays: 30,
    rewardType: 'welcome',
    originType: 'marketing',
    quantityRedeemed: 12,
  }),
}

export type SeedRewardKey = keyof typeof rewards

interface SeedCoupon {
  id: string
  code: string
  customer: SeedCustomerKey
  reward: SeedRewardKey
  status: 'active' | 'used' | 'expired' | 'cancelled'
  /** valid_until = redemption + the reward's validity_days, as Zupy computes it. */
  redeemedDaysAgo: number
  usesLeft?: number
  lastUsedDaysAgo?: number
}

function coupon(fields: Omit<SeedCoupon, 'id'>): SeedCoupon {
  return { id: seedId('coupon', fields.code), ...fields }
}

const coupons = {
  mariaActive: coupon({
    code: 'CZ-7K3M9P2Q',
    customer: 'maria',
    reward: 'sobremesa',
    status: 'active',
    redeemedDaysAgo: 5,
  }),
  mariaMultiUse: coupon({
    code: 'CZ-4H8N2W6R',
    customer: 'maria',
    reward: 'combo',
    status: 'active',
    redeemedDaysAgo: 10,
    usesLeft: 2,
    lastUsedDaysAgo: 2,
  }),
  mariaUsed: coupon({
    code: 'CZ-9T5B3X7L',
    customer: 'maria',
    reward: 'cafe',
    status: 'used',
    redeemedDaysAgo: 3,
    usesLeft: 0,
    lastUsedDaysAgo: 1,
  }),
  mariaExpired: coupon({
    code: 'CZ-2F6J8D4V',
    customer: 'maria',
    reward: 'desconto',
    status: 'expired',
    // 15-day validity, so valid_until = 3 days before the reset.
    redeemedDaysAgo: 18,
  }),
  mariaCancelled: coupon({
    code: 'CZ-5C1G7Y3Z',
    customer: 'maria',
    reward: 'pizza',
    status: 'cancelled',
    redeemedDaysAgo: 20,
  }),
  joaoExpiringToday: coupon({
    code: 'CZ-8E2R6U4A',
    customer: 'joao',
    reward: 'sobremesa',
    status: 'active',
    // 30-day validity, so valid_until = the reset time + 2 h.
    redeemedDaysAgo: 30 - (2 * HOUR_MS) / DAY_MS,
  }),
  joaoLegacy: coupon({
    code: 'CP-LEGACY01',
    customer: 'joao',
    reward: 'pizza',
    status: 'active',
    redeemedDaysAgo: 7,
  }),
  anaActive: coupon({
    code: 'CZ-3D9K2M5P',
    customer: 'ana',
    reward: 'cafe',
    status: 'active',
    redeemedDaysAgo: 1,
  }),
}

export type SeedCouponKey = keyof typeof coupons

/** The fixed seed identifiers, for tests and e2e (`SEED.customers.maria.id`). */
export const SEED = {
  customers,
  rewards,
  coupons,
  program: SEED_PROGRAM,
  companyId: SEED_COMPANY_ID,
}

/** Fills an empty database with the seed; every timestamp is relative to `now` (the reset time). */
export function seedDatabase(db: SandboxDb, now: number): void {
  const daysAgo = (days: number) => now - Math.round(days * DAY_MS)

  // points_spent is what the seed coupons cost, so earned − spent is the documented balance.
  const spentBy = new Map<string, number>()
  for (const c of Object.values(coupons)) {
    const cost = rewards[c.reward].pointsRequired
    spentBy.set(c.customer, (spentBy.get(c.customer) ?? 0) + cost)
  }

  db.write(() => {
    for (const [key, c] of Object.entries(customers)) {
      const spent = spentBy.get(key) ?? 0
      const joined = daysAgo(c.joinedDaysAgo)
      const lastActivity = c.lastActivityDaysAgo === null ? null : daysAgo(c.lastActivityDaysAgo)
      const row: CustomerRow = {
        id: c.id,
        full_name: c.fullName,
        email: c.email,
        is_email_verified: c.emailVerified ? 1 : 0,
        phone: c.phone,
        is_phone_verified: 1,
        cpf: c.cpf,
        birth_date: c.birthDate,
        points_earned: c.pointsBalance + spent,
        points_spent: spent,
        tier: c.tier,
        card_number: c.cardNumber,
        rfm_segment: c.rfmSegment,
        zupy_balance: '0.00',
        join_date: joined,
        last_activity_date: lastActivity,
        is_active: 1,
        created_at: joined,
        updated_at: lastActivity ?? joined,
      }
      db.customers.insert(row)
    }

    for (const r of Object.values(rewards)) {
      const row: RewardRow = {
        id: r.id,
        name: r.name,
        description: r.description,
        reward_type: r.rewardType,
        points_required: r.pointsRequired,
        monetary_value: r.monetaryValue,
        validity_days: r.validityDays,
        available: r.available ? 1 : 0,
        quantity_available: r.quantityAvailable,
        quantity_redeemed: r.quantityRedeemed,
        discount_type: r.discountType,
        discount_percentage: r.discountPercentage,
        discount_fixed_amount: null,
        maximum_discount_value: r.maximumDiscountValue,
        image_url: null,
        is_active: 1,
        usages_per_coupon: r.usagesPerCoupon,
        origin_type: r.originType,
        start_date: null,
        end_date: null,
        created_at: daysAgo(1000),
        updated_at: daysAgo(30),
      }
      db.rewards.insert(row)
    }

    for (const c of Object.values(coupons)) {
      const r = rewards[c.reward]
      const redeemed = daysAgo(c.redeemedDaysAgo)
      const row: CouponRow = {
        id: c.id,
        coupon_code: c.code,
        reward_id: r.id,
        customer_id: customers[c.customer].id,
        status: c.status,
        points_spent: r.pointsRequired,
        redemption_date: redeemed,
        valid_until: redeemed + r.validityDays * DAY_MS,
        remaining_usages: c.usesLeft ?? r.usagesPerCoupon,
        total_usages_allowed: r.usagesPerCoupon,
        usage_date: c.lastUsedDaysAgo === undefined ? null : daysAgo(c.lastUsedDaysAgo),
        origin_type: r.originType,
        created_at: redeemed,
      }
      db.coupons.insert(row)
    }
  })
}
