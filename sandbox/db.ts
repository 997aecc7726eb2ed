import Database from 'better-sqlite3'

/** Booleans are 0/1 and instants are epoch milliseconds; serializers turn them into wire values. */
export interface CustomerRow {
  id: string
  full_name: string
  email: string | null
  is_email_verified: number
  phone: string | null
  is_phone_verified: number
  cpf: string | null
  birth_date: string | null
  points_earned: number
  points_spent: number
  tier: string
  card_number: string
  rfm_segment: string | null
  zupy_balance: string
  join_date: number
  last_activity_date: number | null
  is_active: number
  created_at: number
  updated_at: number
}

export interface RewardRow {
  id: string
  name: string
  description: string
  reward_type: string
  points_required: number
  monetary_value: string | null
  validity_days: number
  /** The operator's on/off switch; `is_available` on the wire also folds in dates and stock. */
  available: number
  quantity_available: number | null
  quantity_redeemed: number
  discount_type: string
  discount_percentage: string | null
  discount_fixed_amount: string | null
  maximum_discount_value: string | null
  image_url: string | null
  is_active: number
  /** How many times each coupon from this reward can be validated. */
  usages_per_coupon: number
  origin_type: 'loyalty_reward' | 'marketing'
  start_date: number | null
  end_date: number | null
  created_at: number
  updated_at: number
}

export interface CouponRow {
  id: string
  coupon_code: string
  reward_id: string
  customer_id: string
  status: string
  points_spent: number
  redemption_date: number
  valid_until: number
  remaining_usages: number
  total_usages_allowed: number
  usage_date: number | null
  origin_type: string
  created_at: number
}

/** A coupon joined with the names the list items carry. */
export interface CouponView extends CouponRow {
  reward_name: string
  customer_name: string
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (
  id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  email TEXT,
  is_email_verified INTEGER NOT NULL DEFAULT 0,
  phone TEXT,
  is_phone_verified INTEGER NOT NULL DEFAULT 0,
  cpf TEXT,
  birth_date TEXT,
  points_earned INTEGER NOT NULL DEFAULT 0,
  points_spent INTEGER NOT NULL DEFAULT 0,
  tier TEXT NOT NULL DEFAULT 'default',
  card_number TEXT NOT NULL UNIQUE,
  rfm_segment TEXT,
  zupy_balance TEXT NOT NULL DEFAULT '0.00',
  join_date INTEGER NOT NULL,
  last_activity_date INTEGER,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (points_spent <= points_earned)
);
CREATE TABLE IF NOT EXISTS rewards (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  reward_type TEXT NOT NULL,
  points_required INTEGER NOT NULL,
  monetary_value TEXT,
  validity_days INTEGER NOT NULL,
  available INTEGER NOT NULL DEFAULT 1,
  quantity_available INTEGER,
  quantity_redeemed INTEGER NOT NULL DEFAULT 0,
  discount_type TEXT NOT NULL DEFAULT 'none',
  discount_percentage TEXT,
  discount_fixed_amount TEXT,
  maximum_discount_value TEXT,
  image_url TEXT,
  is_active INTEGER NOT NULL DEFAULT 1,
  usages_per_coupon INTEGER NOT NULL DEFAULT 1,
  origin_type TEXT NOT NULL DEFAULT 'loyalty_reward',
  start_date INTEGER,
  end_date INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS coupons (
  id TEXT PRIMARY KEY,
  coupon_code TEXT NOT NULL UNIQUE,
  reward_id TEXT NOT NULL REFERENCES rewards(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  status TEXT NOT NULL,
  points_spent INTEGER NOT NULL,
  redemption_date INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  remaining_usages INTEGER NOT NULL CHECK (remaining_usages >= 0),
  total_usages_allowed INTEGER NOT NULL,
  usage_date INTEGER,
  origin_type TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS coupons_customer ON coupons(customer_id);
`

const COUPON_VIEW = `
SELECT coupons.*, rewards.name AS reward_name, customers.full_name AS customer_name
FROM coupons
JOIN rewards ON rewards.id = coupons.reward_id
JOIN customers ON customers.id = coupons.customer_id`

export interface SandboxDb {
  readonly sqlite: Database.Database
  /** Runs `fn` in a `BEGIN IMMEDIATE` transaction: writers never upgrade from a read lock. */
  write<T>(fn: () => T): T
  isEmpty(): boolean
  clear(): void
  close(): void
  customers: {
    all(): CustomerRow[]
    byId(id: string): CustomerRow | undefined
    byPhone(phone: string): CustomerRow | undefined
    byEmail(email: string): CustomerRow | undefined
    byCpf(cpf: string): CustomerRow | undefined
    insert(row: CustomerRow): void
    spend(id: string, points: number, now: number): void
    touch(id: string, now: number): void
    markVerified(id: string, channel: 'phone' | 'email', now: number): void
  }
  rewards: {
    all(): RewardRow[]
    byId(id: string): RewardRow | undefined
    insert(row: RewardRow): void
    countRedeemed(id: string, now: number): void
    update(id: string, fields: Partial<Omit<RewardRow, 'id'>>): void
  }
  coupons: {
    all(): CouponView[]
    byId(id: string): CouponView | undefined
    byCode(code: string): CouponView | undefined
    /** Live (not cancelled) coupons this customer holds per reward. */
    heldRewardIds(customerId: string): Set<string>
    insert(row: CouponRow): void
    codeExists(code: string): boolean
    /** Flips active coupons past `valid_until` to expired; Zupy does this on validate and in lists. */
    expireOverdue(now: number): number
    /** False when the coupon was no longer usable (the loser of a race). */
    use(id: string, now: number): boolean
    setStatus(id: string, status: string): void
  }
}

const CUSTOMER_COLUMNS = [
  'id',
  'full_name',
  'email',
  'is_email_verified',
  'phone',
  'is_phone_verified',
  'cpf',
  'birth_date',
  'points_earned',
  'points_spent',
  'tier',
  'card_number',
  'rfm_segment',
  'zupy_balance',
  'join_date',
  'last_activity_date',
  'is_active',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof CustomerRow)[]

const REWARD_COLUMNS = [
  'id',
  'name',
  'description',
  'reward_type',
  'points_required',
  'monetary_value',
  'validity_days',
  'available',
  'quantity_available',
  'quantity_redeemed',
  'discount_type',
  'discount_percentage',
  'discount_fixed_amount',
  'maximum_discount_value',
  'image_url',
  'is_active',
  'usages_per_coupon',
  'origin_type',
  'start_date',
  'end_date',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof RewardRow)[]

const COUPON_COLUMNS = [
  'id',
  'coupon_code',
  'reward_id',
  'customer_id',
  'status',
  'points_spent',
  'redemption_date',
  'valid_until',
  'remaining_usages',
  'total_usages_allowed',
  'usage_date',
  'origin_type',
  'created_at',
] as const satisfies readonly (keyof CouponRow)[]

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
}

/** Opens (and creates the schema of) the sandbox database; `path` null = in-memory. */
export function openSandboxDb(path: string | null): SandboxDb {
  const sqlite = new Database(path ?? ':memory:')
  if (path) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.exec(SCHEMA)

  const customerById = sqlite.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?')
  const customerAll = sqlite.prepare<[], CustomerRow>('SELECT * FROM customers ORDER BY rowid')
  const customerByPhone = sqlite.prepare<[string], CustomerRow>(
    'SELECT * FROM customers WHERE phone = ? ORDER BY rowid LIMIT 1',
  )
  const customerByEmail = sqlite.prepare<[string], CustomerRow>(
    'SELECT * FROM customers WHERE lower(email) = lower(?) ORDER BY rowid LIMIT 1',
  )
  const customerByCpf = sqlite.prepare<[string], CustomerRow>(
    'SELECT * FROM customers WHERE cpf = ? ORDER BY rowid LIMIT 1',
  )
  const customerInsert = sqlite.prepare<CustomerRow>(insertSql('customers', CUSTOMER_COLUMNS))
  const customerSpend = sqlite.prepare<[number, number, number, string]>(
    'UPDATE customers SET points_spent = points_spent + ?, last_activity_date = ?, updated_at = ? WHERE id = ?',
  )
  const customerTouch = sqlite.prepare<[number, number, string]>(
    'UPDATE customers SET last_activity_date = ?, updated_at = ? WHERE id = ?',
  )
  const customerVerifyPhone = sqlite.prepare<[number, string]>(
    'UPDATE customers SET is_phone_verified = 1, updated_at = ? WHERE id = ?',
  )
  const customerVerifyEmail = sqlite.prepare<[number, string]>(
    'UPDATE customers SET is_email_verified = 1, updated_at = ? WHERE id = ?',
  )

  const rewardAll = sqlite.prepare<[], RewardRow>('SELECT * FROM rewards ORDER BY rowid')
  const rewardById = sqlite.prepare<[string], RewardRow>('SELECT * FROM rewards WHERE id = ?')
  const rewardInsert = sqlite.prepare<RewardRow>(insertSql('rewards', REWARD_COLUMNS))
  const rewardRedeemed = sqlite.prepare<[number, string]>(
    'UPDATE rewards SET quantity_redeemed = quantity_redeemed + 1, updated_at = ? WHERE id = ?',
  )

  // Newest first, as Zupy lists issued coupons; rowid breaks ties between same-instant coupons.
  const couponAll = sqlite.prepare<[], CouponView>(
    `${COUPON_VIEW} ORDER BY coupons.created_at DESC, coupons.rowid DESC`,
  )
  const couponById = sqlite.prepare<[string], CouponView>(`${COUPON_VIEW} WHERE coupons.id = ?`)
  const couponByCode = sqlite.prepare<[string], CouponView>(
    `${COUPON_VIEW} WHERE coupons.coupon_code = upper(?)`,
  )
  const couponHeld = sqlite.prepare<[string], { reward_id: string }>(
    "SELECT DISTINCT reward_id FROM coupons WHERE customer_id = ? AND status <> 'cancelled'",
  )
  const couponInsert = sqlite.prepare<CouponRow>(insertSql('coupons', COUPON_COLUMNS))
  const couponCodeExists = sqlite.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM coupons WHERE coupon_code = ?',
  )
  const couponExpire = sqlite.prepare<[number]>(
    "UPDATE coupons SET status = 'expired' WHERE status = 'active' AND valid_until <= ?",
  )
  // Conditional on the row still being usable, so a use can never drive remaining below zero.
  const couponUse = sqlite.prepare<[number, string]>(
    `UPDATE coupons SET remaining_usages = remaining_usages - 1,
       status = CASE WHEN remaining_usages - 1 = 0 THEN 'used' ELSE status END,
       usage_date = ?
     WHERE id = ? AND status = 'active' AND remaining_usages > 0`,
  )
  const couponSetStatus = sqlite.prepare<[string, string]>(
    'UPDATE coupons SET status = ? WHERE id = ?',
  )

  return {
    sqlite,
    write: (fn) => sqlite.transaction(fn).immediate(),
    isEmpty: () => customerAll.all().length === 0,
    clear: () => {
      sqlite.exec('DELETE FROM coupons; DELETE FROM rewards; DELETE FROM customers;')
    },
    close: () => {
      sqlite.close()
    },
    customers: {
      all: () => customerAll.all(),
      byId: (id) => customerById.get(id),
      byPhone: (phone) => customerByPhone.get(phone),
      byEmail: (email) => customerByEmail.get(email),
      byCpf: (cpf) => customerByCpf.get(cpf),
      insert: (row) => {
        customerInsert.run(row)
      },
      spend: (id, points, now) => {
        customerSpend.run(points, now, now, id)
      },
      touch: (id, now) => {
        customerTouch.run(now, now, id)
      },
      markVerified: (id, channel, now) => {
        ;(channel === 'phone' ? customerVerifyPhone : customerVerifyEmail).run(now, id)
      },
    },
    rewards: {
      all: () => rewardAll.all(),
      byId: (id) => rewardById.get(id),
      insert: (row) => {
        rewardInsert.run(row)
      },
      countRedeemed: (id, now) => {
        rewardRedeemed.run(now, id)
      },
      update: (id, fields) => {
        const entries = Object.entries(fields).filter(([key]) =>
          (REWARD_COLUMNS as readonly string[]).includes(key),
        )
        if (entries.length === 0) return
        const sets = entries.map(([key]) => `${key} = @${key}`).join(', ')
        sqlite
          .prepare(`UPDATE rewards SET ${sets} WHERE id = @id`)
          .run({ ...Object.fromEntries(entries), id })
      },
    },
    coupons: {
      all: () => couponAll.all(),
      byId: (id) => couponById.get(id),
      byCode: (code) => couponByCode.get(code),
      heldRewardIds: (customerId) => new Set(couponHeld.all(customerId).map((r) => r.reward_id)),
      insert: (row) => {
        couponInsert.run(row)
      },
      codeExists: (code) => couponCodeExists.get(code) !== undefined,
      expireOverdue: (now) => couponExpire.run(now).changes,
      use: (id, now) => couponUse.run(now, id).changes === 1,
      setStatus: (id, status) => {
        couponSetStatus.run(status, id)
      },
    },
  }
}
