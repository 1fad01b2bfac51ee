// Kysely's view of the tables. Generated<T> marks columns with database defaults.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type Role = 'admin' | 'kepala_upt' | 'petugas' | 'instruktur_mitra' | 'kanwil' | 'pusat' | 'humas';
export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
export type UnitType = 'rutan' | 'lapas' | 'lpka' | 'lpp' | 'bapas';
export type UnitClass = 'I' | 'IIA' | 'IIB' | 'III';

export interface KanwilTable {
  id: Generated<string>;
  code: string;
  name: string;
  province: string;
  address: string | null;
  timezone: TimeZone;
  created_at: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<string>;
  kanwil_id: string;
  code: string;
  type: UnitType;
  class: UnitClass;
  name: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  timezone: TimeZone;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  roles: ColumnType<Role[], Role[], Role[]>;
  unit_id: string | null;
  kanwil_id: string | null;
  locale: Generated<'id' | 'en'>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SigninAttemptsTable {
  id: Generated<string>;
  username: string;
  ip: string;
  success: boolean;
  at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  kanwil: KanwilTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  signin_attempts: SigninAttemptsTable;
  audit_log: AuditLogTable;
}
