/**
 * Staff accounts, sign-in with throttling and lockout, sessions kept in the workspace store (so
 * they survive a restart and work on any node), personal API tokens (kept as hashes), and the
 * first-run setup code.
 */
import type { ApiTokenInfo, StaffAccount, StaffRoleName } from '@cv/shared/protocol';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sameSecret } from '../runtime/secrets.ts';
import type { DocWrite, StoredDoc } from '../storage/workspace/index.ts';
import {
  auditOf,
  COLLECTIONS as C,
  SYSTEM_ACTOR,
  WorkspaceError,
  type Actor,
  type WorkspaceDeps,
} from './context.ts';
import { DUMMY_HASH, hashPassword, verifyPassword, weakPasswordReason } from './passwords.ts';

export interface AccountDoc {
  accountId: string;
  username: string;
  displayName: string;
  roles: StaffRoleName[];
  passwordHash: string;
  disabled: boolean;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: number | null;
  /** sessions created before this are void (password reset, disabling) */
  sessionsValidFrom: number;
  createdAt: number;
  updatedAt: number;
}

interface SessionDoc {
  accountId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

interface TokenDoc {
  tokenId: string;
  accountId: string;
  name: string;
  hash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const LOGIN_POLICY = {
  /** wrong passwords in a row before the account is locked */
  maxFailures: 5,
  lockMs: 15 * 60_000,
  sessionMs: 12 * 60 * 60_000,
  /** failed sign-ins per client address per window (any username) before RATE_LIMITED */
  perAddress: 30,
  addressWindowMs: 15 * 60_000,
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TOKEN_PREFIX = 'cvt_';

export function publicAccount(a: AccountDoc): StaffAccount {
  return {
    accountId: a.accountId,
    username: a.username,
    displayName: a.displayName,
    roles: [...a.roles],
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    lockedUntil: a.lockedUntil,
    createdAt: a.createdAt,
  };
}

/** what the audit may keep of an account: never its hash */
const auditable = (a: AccountDoc | null) => (a ? publicAccount(a) : null);

export interface SignedIn {
  account: AccountDoc;
  /** the raw cookie value: only the caller ever sees it */
  sessionToken: string;
  csrfToken: string;
  expiresAt: number;
}

export class AccountService {
  /** failed sign-ins per client address (this node only: a first brake; the lockout is per account and shared) */
  private readonly failuresByAddress = new Map<string, { count: number; since: number }>();

  constructor(private readonly deps: WorkspaceDeps) {}

  private get now(): number {
    return this.deps.clock();
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.deps.ws.list(C.usernames)).length > 0;
  }

  async list(): Promise<StaffAccount[]> {
    return (await this.deps.ws.list<AccountDoc>(C.accounts)).map((d) => publicAccount(d.doc));
  }

  async get(accountId: string): Promise<StoredDoc<AccountDoc> | null> {
    return this.deps.ws.get<AccountDoc>(C.accounts, accountId);
  }

  async byUsername(username: string): Promise<StoredDoc<AccountDoc> | null> {
    const link = await this.deps.ws.get<{ accountId: string }>(C.usernames, username);
    return link ? this.get(link.doc.accountId) : null;
  }

  // ------------------------------------------------------------ first run

  /**
   * While no account exists, a fresh one-time setup code (printed by the server) guards the
   * first-run screen, so nobody else on the network can claim the first admin. Null once accounts exist.
   */
  async issueSetupCode(): Promise<string | null> {
    if (await this.hasAccounts()) return null;
    const code = randomBytes(6).toString('hex').toUpperCase();
    await this.deps.ws.write([
      { op: 'put', collection: C.settings, id: 'setup-code', doc: { hash: sha256(code), at: this.now } },
    ]);
    return code;
  }

  async setup(input: {
    setupCode: string;
    username: string;
    displayName: string;
    password: string;
  }): Promise<AccountDoc> {
    if (await this.hasAccounts())
      throw new WorkspaceError('SETUP_DONE', 'Hệ thống đã có tài khoản: hãy đăng nhập.');
    const stored = await this.deps.ws.get<{ hash: string }>(C.settings, 'setup-code');
    if (!stored || !sameSecret(sha256(input.setupCode.trim().toUpperCase()), stored.doc.hash))
      throw new WorkspaceError(
        'UNAUTHORIZED',
        'Mã thiết lập không đúng (xem dòng máy chủ in ra khi khởi động).',
      );
    const account = await this.create(SYSTEM_ACTOR, { ...input, roles: ['admin'] }, [
      { op: 'delete', collection: C.settings, id: 'setup-code' },
    ]);
    return account;
  }

  // ------------------------------------------------------------ accounts

  async create(
    actor: Actor,
    input: { username: string; displayName: string; roles: StaffRoleName[]; password: string },
    extra: DocWrite[] = [],
  ): Promise<AccountDoc> {
    const weak = weakPasswordReason(input.password, input.username);
    if (weak) throw new WorkspaceError('BAD_REQUEST', `password: ${weak}`);
    if (await this.byUsername(input.username))
      throw new WorkspaceError('CONFLICT', `Tên đăng nhập "${input.username}" đã có người dùng.`);
    const now = this.now;
    const account: AccountDoc = {
      accountId: randomUUID().slice(0, 12),
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      passwordHash: await hashPassword(input.password),
      disabled: false,
      mustChangePassword: actor.via !== 'system',
      failedLogins: 0,
      lockedUntil: null,
      sessionsValidFrom: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.ws.write(
      [
        {
          op: 'put',
          collection: C.usernames,
          id: account.username,
          doc: { accountId: account.accountId },
          expect: 'absent',
        },
        { op: 'put', collection: C.accounts, id: account.accountId, doc: account, expect: 'absent' },
        ...extra,
      ],
      [auditOf(actor, now, 'accounts', 'account.create', account.username, null, auditable(account))],
    );
    return account;
  }

  async update(
    actor: Actor,
    accountId: string,
    patch: { displayName?: string; roles?: StaffRoleName[]; disabled?: boolean },
  ): Promise<AccountDoc> {
    const stored = await this.mustGet(accountId);
    const before = stored.doc;
    const after: AccountDoc = {
      ...before,
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      updatedAt: this.now,
    };
    if (patch.disabled === true && !before.disabled) after.sessionsValidFrom = this.now;
    await this.keepAnAdmin(before, after);
    await this.saveAccount(actor, stored, after, 'account.update', auditable(before), auditable(after));
    return after;
  }

  /** nobody may remove the last enabled admin: the workspace would be locked for good */
  private async keepAnAdmin(before: AccountDoc, after: AccountDoc): Promise<void> {
    const wasAdmin = before.roles.includes('admin') && !before.disabled;
    const isAdmin = after.roles.includes('admin') && !after.disabled;
    if (!wasAdmin || isAdmin) return;
    const others = (await this.deps.ws.list<AccountDoc>(C.accounts)).filter(
      (d) => d.id !== before.accountId && d.doc.roles.includes('admin') && !d.doc.disabled,
    );
    if (others.length === 0)
      throw new WorkspaceError('CONFLICT', 'Phải còn ít nhất một tài khoản quản trị (admin) đang hoạt động.');
  }

  /** by an admin: a new password, every session of the account ends, the person must choose their own */
  async resetPassword(actor: Actor, accountId: string, password: string): Promise<void> {
    const stored = await this.mustGet(accountId);
    const weak = weakPasswordReason(password, stored.doc.username);
    if (weak) throw new WorkspaceError('BAD_REQUEST', `password: ${weak}`);
    const now = this.now;
    const after: AccountDoc = {
      ...stored.doc,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      sessionsValidFrom: now,
      updatedAt: now,
    };
    await this.saveAccount(actor, stored, after, 'account.password-reset', null, null);
  }

  async unlock(actor: Actor, accountId: string): Promise<void> {
    const stored = await this.mustGet(accountId);
    const after = { ...stored.doc, failedLogins: 0, lockedUntil: null, updatedAt: this.now };
    await this.saveAccount(
      actor,
      stored,
      after,
      'account.unlock',
      { lockedUntil: stored.doc.lockedUntil },
      { lockedUntil: null },
    );
  }

  async changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
    if (!actor.accountId)
      throw new WorkspaceError('FORBIDDEN', 'Mã truy cập tự động không có mật khẩu để đổi.');
    const stored = await this.mustGet(actor.accountId);
    if (!(await verifyPassword(current, stored.doc.passwordHash)))
      throw new WorkspaceError('UNAUTHORIZED', 'Mật khẩu hiện tại không đúng.');
    const weak = weakPasswordReason(next, stored.doc.username);
    if (weak) throw new WorkspaceError('BAD_REQUEST', `next: ${weak}`);
    const after = {
      ...stored.doc,
      passwordHash: await hashPassword(next),
      mustChangePassword: false,
      updatedAt: this.now,
    };
    await this.saveAccount(actor, stored, after, 'account.password-change', null, null);
  }

  /** one account write with its audit entry (target: the user name), refused if changed meanwhile */
  private async saveAccount(
    actor: Actor,
    stored: StoredDoc<AccountDoc>,
    after: AccountDoc,
    action: string,
    before: unknown,
    audited: unknown,
  ): Promise<void> {
    await this.deps.ws.write(
      [{ op: 'put', collection: C.accounts, id: stored.id, doc: after, expect: stored.rev }],
      [auditOf(actor, this.now, 'accounts', action, stored.doc.username, before, audited)],
    );
  }

  private async mustGet(accountId: string): Promise<StoredDoc<AccountDoc>> {
    const stored = await this.get(accountId);
    if (!stored) throw new WorkspaceError('NOT_FOUND', 'Không có tài khoản này.');
    return stored;
  }

  // ------------------------------------------------------------ sign-in

  async login(username: string, password: string, address: string): Promise<SignedIn> {
    const now = this.now;
    this.checkAddress(address, now);
    const stored = await this.byUsername(username);
    if (!stored || stored.doc.disabled) {
      await verifyPassword(password, DUMMY_HASH);
      this.noteFailure(address, now);
      throw new WorkspaceError('UNAUTHORIZED', 'Sai tên đăng nhập hoặc mật khẩu.');
    }
    const account = stored.doc;
    if (account.lockedUntil !== null && account.lockedUntil > now)
      throw lockedError(account.lockedUntil, now);
    if (!(await verifyPassword(password, account.passwordHash))) {
      this.noteFailure(address, now);
      const failures = account.failedLogins + 1;
      const locks = failures >= LOGIN_POLICY.maxFailures;
      const after: AccountDoc = {
        ...account,
        failedLogins: locks ? 0 : failures,
        lockedUntil: locks ? now + LOGIN_POLICY.lockMs : account.lockedUntil,
      };
      // a concurrent attempt may have counted already: both count, so retry on a fresh read
      await this.writeRetrying(
        stored,
        after,
        locks
          ? [
              auditOf(SYSTEM_ACTOR, now, 'accounts', 'account.locked', account.username, null, {
                lockedUntil: after.lockedUntil,
                failures,
              }),
            ]
          : [],
      );
      if (locks) throw lockedError(after.lockedUntil!, now);
      throw new WorkspaceError('UNAUTHORIZED', 'Sai tên đăng nhập hoặc mật khẩu.');
    }
    const sessionToken = randomBytes(32).toString('base64url');
    const session: SessionDoc = {
      accountId: account.accountId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt: now + LOGIN_POLICY.sessionMs,
    };
    const expired = (await this.deps.ws.list<SessionDoc>(C.sessions)).filter((s) => s.doc.expiresAt <= now);
    const fresh =
      account.failedLogins || account.lockedUntil ? { ...account, failedLogins: 0, lockedUntil: null } : null;
    await this.deps.ws.write(
      [
        { op: 'put', collection: C.sessions, id: sha256(sessionToken), doc: session, expect: 'absent' },
        ...(fresh ? [{ op: 'put' as const, collection: C.accounts, id: account.accountId, doc: fresh }] : []),
        ...expired.map((s) => ({ op: 'delete' as const, collection: C.sessions, id: s.id })),
      ],
      [auditOf(actorOf(account, 'session'), now, 'accounts', 'login', account.username, null, null)],
    );
    return {
      account: fresh ?? account,
      sessionToken,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  private async writeRetrying(
    stored: StoredDoc<AccountDoc>,
    after: AccountDoc,
    audit: ReturnType<typeof auditOf>[],
  ): Promise<void> {
    try {
      await this.deps.ws.write(
        [{ op: 'put', collection: C.accounts, id: stored.id, doc: after, expect: stored.rev }],
        audit,
      );
    } catch {
      const again = await this.get(stored.id);
      if (!again) return;
      await this.deps.ws.write(
        [
          {
            op: 'put',
            collection: C.accounts,
            id: stored.id,
            doc: { ...again.doc, failedLogins: after.failedLogins, lockedUntil: after.lockedUntil },
          },
        ],
        audit,
      );
    }
  }

  private checkAddress(address: string, now: number): void {
    const seen = this.failuresByAddress.get(address);
    if (seen && now - seen.since < LOGIN_POLICY.addressWindowMs && seen.count >= LOGIN_POLICY.perAddress)
      throw new WorkspaceError(
        'RATE_LIMITED',
        'Quá nhiều lần đăng nhập sai từ máy này, hãy thử lại sau ít phút.',
      );
  }

  private noteFailure(address: string, now: number): void {
    const seen = this.failuresByAddress.get(address);
    if (!seen || now - seen.since >= LOGIN_POLICY.addressWindowMs)
      this.failuresByAddress.set(address, { count: 1, since: now });
    else seen.count += 1;
  }

  async logout(actor: Actor, sessionToken: string): Promise<void> {
    await this.deps.ws.write(
      [{ op: 'delete', collection: C.sessions, id: sha256(sessionToken) }],
      [auditOf(actor, this.now, 'accounts', 'logout', actor.name, null, null)],
    );
  }

  /** the signed-in account behind a session cookie, or null (unknown, expired, revoked, disabled) */
  async session(sessionToken: string): Promise<{ account: AccountDoc; csrfToken: string } | null> {
    if (!sessionToken || sessionToken.length > 200) return null;
    const stored = await this.deps.ws.get<SessionDoc>(C.sessions, sha256(sessionToken));
    if (!stored || stored.doc.expiresAt <= this.now) return null;
    const account = (await this.get(stored.doc.accountId))?.doc;
    if (!account || account.disabled || stored.doc.createdAt < account.sessionsValidFrom) return null;
    return { account, csrfToken: stored.doc.csrfToken };
  }

  // ------------------------------------------------------------ API tokens

  async createToken(actor: Actor, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
    if (!actor.accountId)
      throw new WorkspaceError('FORBIDDEN', 'Mã truy cập chỉ cấp cho một tài khoản cụ thể.');
    const tokenId = randomBytes(6).toString('hex');
    const token = `${TOKEN_PREFIX}${tokenId}_${randomBytes(24).toString('base64url')}`;
    const doc: TokenDoc = {
      tokenId,
      accountId: actor.accountId,
      name,
      hash: sha256(token),
      createdAt: this.now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.tokens, id: tokenId, doc, expect: 'absent' }],
      [
        auditOf(actor, this.now, 'accounts', 'token.create', `${actor.name}/${name}`, null, {
          tokenId,
          name,
        }),
      ],
    );
    return { token, info: tokenInfo(doc) };
  }

  async listTokens(actor: Actor): Promise<ApiTokenInfo[]> {
    return (await this.deps.ws.list<TokenDoc>(C.tokens))
      .filter((t) => t.doc.accountId === actor.accountId)
      .map((t) => tokenInfo(t.doc));
  }

  /** one's own token; an admin may revoke anyone's */
  async revokeToken(actor: Actor, tokenId: string): Promise<void> {
    const stored = await this.deps.ws.get<TokenDoc>(C.tokens, tokenId);
    if (!stored || (stored.doc.accountId !== actor.accountId && !actor.roles.includes('admin')))
      throw new WorkspaceError('NOT_FOUND', 'Không có mã truy cập này.');
    if (stored.doc.revokedAt !== null) return;
    const after = { ...stored.doc, revokedAt: this.now };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.tokens, id: tokenId, doc: after, expect: stored.rev }],
      [
        auditOf(
          actor,
          this.now,
          'accounts',
          'token.revoke',
          stored.doc.name,
          { tokenId },
          { revokedAt: after.revokedAt },
        ),
      ],
    );
  }

  /** the account behind a personal token, or null; not-yet-`cvt_` bearer values are not ours */
  async byToken(token: string): Promise<AccountDoc | null> {
    const match = /^cvt_([0-9a-f]{12})_[\w-]{20,64}$/.exec(token);
    if (!match) return null;
    const stored = await this.deps.ws.get<TokenDoc>(C.tokens, match[1]);
    if (!stored || stored.doc.revokedAt !== null || !sameSecret(sha256(token), stored.doc.hash)) return null;
    const account = (await this.get(stored.doc.accountId))?.doc;
    if (!account || account.disabled) return null;
    const now = this.now;
    // remember use, at most once a minute: a script calling in a loop must not write on every call
    if (stored.doc.lastUsedAt === null || now - stored.doc.lastUsedAt > 60_000)
      await this.deps.ws
        .write([{ op: 'put', collection: C.tokens, id: stored.id, doc: { ...stored.doc, lastUsedAt: now } }])
        .catch(() => undefined);
    return account;
  }

  static isPersonalToken(bearer: string): boolean {
    return bearer.startsWith(TOKEN_PREFIX);
  }
}

export function actorOf(account: AccountDoc, via: Actor['via']): Actor {
  return { accountId: account.accountId, name: account.displayName, roles: account.roles, via };
}

function tokenInfo(t: TokenDoc): ApiTokenInfo {
  return {
    tokenId: t.tokenId,
    name: t.name,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}

function lockedError(until: number, now: number): WorkspaceError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new WorkspaceError(
    'ACCOUNT_LOCKED',
    `Tài khoản tạm khóa do nhập sai mật khẩu ${LOGIN_POLICY.maxFailures} lần liên tiếp; thử lại sau ${minutes} phút hoặc nhờ quản trị viên mở khóa.`,
    { lockedUntil: until },
  );
}
