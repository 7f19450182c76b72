// Login, refresh, logout and bearer authentication against the users and refresh_tokens tables.
import { DomainError, type Session, type User } from '../../shared/index.js';
import { userFromRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { verifyPassword } from './passwords.js';
import { hashRefreshToken, newRefreshToken, type TokenService } from './tokens.js';

export interface SessionOptions {
  refreshTtlDays: number;
}

// Compared against when the login is unknown, so a wrong login costs as much time as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly options: SessionOptions,
  ) {}

  async login(login: string, password: string, deviceId: string): Promise<Session> {
    const row = await this.store.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    const valid = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !valid) throw new DomainError('INVALID_CREDENTIALS', 'wrong login or password');
    const user = userFromRow(row);
    if (user.disabled) throw new DomainError('USER_DISABLED', 'this user is disabled');
    return this.issue(user, deviceId);
  }

  /** Rotates: the presented refresh token is revoked and a new pair is issued for the same device. */
  async refresh(refreshToken: string, deviceId: string): Promise<Session> {
    const hash = hashRefreshToken(refreshToken);
    const now = new Date().toISOString();
    const user = await this.store.write(async (trx) => {
      const token = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      if (!token || token.device_id !== deviceId) throw new DomainError('REFRESH_INVALID', 'unknown refresh token');
      if (token.revoked_at !== null) {
        // A revoked token presented again means it leaked: end every session of that device.
        await trx
          .updateTable('refresh_tokens')
          .set({ revoked_at: now })
          .where('user_id', '=', token.user_id)
          .where('device_id', '=', token.device_id)
          .where('revoked_at', 'is', null)
          .execute();
        return { reused: true as const };
      }
      if (token.expires_at <= now) throw new DomainError('REFRESH_INVALID', 'refresh token expired');
      const row = await trx.selectFrom('users').selectAll().where('id', '=', token.user_id).executeTakeFirstOrThrow();
      if (row.disabled) throw new DomainError('USER_DISABLED', 'this user is disabled');
      await trx.updateTable('refresh_tokens').set({ revoked_at: now }).where('token_hash', '=', hash).execute();
      return { reused: false as const, user: userFromRow(row) };
    });
    if (user.reused) throw new DomainError('REFRESH_INVALID', 'refresh token already used');
    return this.issue(user.user, deviceId);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.store.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('token_hash', '=', hashRefreshToken(refreshToken))
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** The user behind a bearer token; refuses expired tokens and disabled users. */
  async authenticate(accessToken: string): Promise<User> {
    const { userId } = await this.tokens.verifyAccess(accessToken);
    const row = await this.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row) throw new DomainError('UNAUTHENTICATED', 'unknown user');
    if (row.disabled) throw new DomainError('USER_DISABLED', 'this user is disabled');
    return userFromRow(row);
  }

  /** Sets the flag; disabling also revokes every refresh token of the user. */
  async setDisabled(userId: string, disabled: boolean): Promise<User> {
    const now = new Date().toISOString();
    return this.store.write(async (trx) => {
      const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', 'no such user');
      await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
      if (disabled) {
        await trx
          .updateTable('refresh_tokens')
          .set({ revoked_at: now })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .execute();
      }
      return { ...userFromRow(row), disabled };
    });
  }

  private async issue(user: User, deviceId: string): Promise<Session> {
    const access = await this.tokens.issueAccess(user.id);
    const refreshToken = newRefreshToken();
    const now = new Date();
    const expires = new Date(now.getTime() + this.options.refreshTtlDays * 86_400_000);
    await this.store.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashRefreshToken(refreshToken),
        user_id: user.id,
        device_id: deviceId,
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
        revoked_at: null,
      })
      .execute();
    return { accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken, user };
  }
}
